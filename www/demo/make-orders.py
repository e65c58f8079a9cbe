#!/usr/bin/env python3
"""Writes www/demo/orders.json, the demo scenario: 44 orders across US, UK, DE and JP, and a few
Amazon.ca orders (a US-default seller with a CA order). With --month, writes www/demo/month.json
instead: a realistic month of a seller merged across NA and EU — over 300 orders in US, CA, UK and
DE, some canceled, refunded or returned, one app with a refresh token per region (facts.md "How a
seller gets credentials"). With --autopilot N OUT, writes the autopilot bench's scenario of N orders
to OUT. Seeded, so re-running gives the same files. Dates are relative
("now-12d"), so both are realistic on any day."""
import json, random, sys
from pathlib import Path

rng = random.Random(20261123)
MARKETS = {
    "US": ("ATVPDKIKX0DER", "Amazon.com", "USD", ["111", "112", "113", "114"], ["en-US", "en-US", "es-US"]),
    "UK": ("A1F83G8C2ARO7P", "Amazon.co.uk", "GBP", ["202", "203", "204", "206"], ["en-GB", "en-GB", "pl-PL"]),
    "DE": ("A1PA6795UKMFR9", "Amazon.de", "EUR", ["302", "303", "304", "305", "028"], ["de-DE", "de-DE", "en-GB", "tr-TR"]),
    "JP": ("A1VC38T7YXB528", "Amazon.co.jp", "JPY", ["249", "250", "503"], ["ja-JP", "ja-JP", "en-US"]),
    "CA": ("A2EUQ1WTGCTBG2", "Amazon.ca", "CAD", ["701", "702"], ["en-CA", "en-CA", "fr-CA"]),
}
PRODUCTS = [
    ("Bamboo Cutting Board Set (3 pcs)", 24.99), ("Stainless Steel Water Bottle 750 ml", 18.5), ("Ceramic Pour-Over Coffee Dripper", 21.0),
    ("Merino Wool Hiking Socks, 3 pairs", 29.95), ("LED Desk Lamp with USB-C", 39.99), ("Silicone Baking Mats (2)", 12.49),
    ("Cast Iron Skillet 26 cm", 34.0), ("Linen Tea Towels, set of 4", 16.75), ("Wireless Charging Pad", 19.99),
    ("Personalised Leather Keyring", 14.0), ("Yoga Mat 6 mm", 27.5), ("Glass Food Storage Containers (5)", 31.2),
]
NAMES = {"US": ["Jordan Ellis", "Maria Gomez", "Chris Park", "Ashley Nguyen"], "UK": ["Oliver Hughes", "Amelia Clarke", "Kasia Nowak"],
         "DE": ["Lukas Becker", "Anna Schmidt", "Mehmet Yilmaz", "Sophie Wagner"], "JP": ["佐藤 花子", "鈴木 一郎", "高橋 美咲"],
         "CA": ["Liam Tremblay", "Chloé Gagnon", "Noah Wilson"]}
CITIES = {"US": ["Seattle, WA", "Austin, TX", "Denver, CO"], "UK": ["Leeds", "Bristol", "Glasgow"], "DE": ["Berlin", "München", "Köln"], "JP": ["東京都", "大阪府", "札幌市"],
          "CA": ["Toronto, ON", "Montréal, QC", "Calgary, AB"]}

# (status, days since delivery or None, extra) — a spread over the review window and around it.
PLAN = [
    ("Shipped", 2, {}), ("Shipped", 4, {}), ("Shipped", 6, {}), ("Shipped", 9, {}), ("Shipped", 14, {}), ("Shipped", 21, {}),
    ("Shipped", 28, {}), ("Shipped", 33, {}), ("Shipped", 12, {"refunded": True}), ("Shipped", 16, {"solicited": 8}),
    ("Shipped", -2, {}), ("Unshipped", None, {}), ("Canceled", None, {}), ("Shipped", 18, {"returned": True, "refunded": True}),
]
COUNTS = {"US": 14, "UK": 10, "DE": 10, "JP": 10}

def order_id(rng, prefix):
    return f"{prefix}-{rng.randrange(10**6, 10**7)}-{rng.randrange(10**6, 10**7)}"


def make_order(rng, country, i, status, delivered, extra):
    """One order of `country`, delivered `delivered` days ago (None: not shipped)."""
    market, channel, currency, prefixes, locales = MARKETS[country]
    product, price = rng.choice(PRODUCTS)
    qty = rng.choice([1, 1, 1, 2])
    if currency == "JPY":
        price = round(price * 150, -1)
    fba = rng.random() < 0.4
    o = {"amazonOrderId": order_id(rng, rng.choice(prefixes)), "marketplaceId": market, "status": status}
    if delivered is not None:
        spread = rng.choice([0, 1, 2])
        o["purchaseDate"] = f"now-{delivered + 3 + spread}d" if delivered + 3 + spread > 0 else "now-1d"
        o["earliestDeliveryDate"] = f"now{-(delivered + spread):+d}d".replace("+-", "-")
        o["latestDeliveryDate"] = f"now{-delivered:+d}d"
    else:
        o["purchaseDate"] = f"now-{extra.get('age', rng.choice([1, 2]))}d"
    if extra.get("refunded"):
        o["refunded"] = True
    if extra.get("returned"):
        o["returned"] = True
    o["buyerLocale"] = locales[i % len(locales)]
    o["fulfilledBy"] = "AMAZON" if fba else "MERCHANT"
    traits = []
    if "Personalised" in product:
        traits.append("customized")
    if i == 4:
        traits.append("negativeFeedback")
    if traits:
        o["traits"] = traits
    if "solicited" in extra:
        o["solicitedAt"] = f"now-{extra['solicited']}d"
    o["details"] = {
        "buyerName": rng.choice(NAMES[country]),
        "salesChannel": channel,
        "fulfillment": "Amazon" if fba else "Seller",
        "shipTo": rng.choice(CITIES[country]),
        "items": [{"title": product, "asin": "B0" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8)),
                   "sku": f"SKU-{rng.randrange(1000, 9999)}", "quantity": qty, "price": {"amount": price, "currency": currency}}],
        "orderTotal": {"amount": round(price * qty, 2), "currency": currency},
    }
    return o


def demo():
    orders = []
    for country, n in COUNTS.items():
        plan = PLAN[:n] if n == len(PLAN) else [PLAN[i] for i in (0, 2, 3, 9, 6, 7, 8, 10, 11, 12)][:n]
        for i, (status, delivered, extra) in enumerate(plan):
            orders.append(make_order(rng, country, i, status, delivered, extra))
    # Amazon.ca, from a generator of its own so the orders above keep their ids: two eligible,
    # one already requested, one before its window.
    ca = random.Random(20261124)
    for i, (status, delivered, extra) in enumerate([("Shipped", 8, {}), ("Shipped", 15, {}), ("Shipped", 11, {"solicited": 4}), ("Shipped", 2, {})]):
        orders.append(make_order(ca, "CA", i, status, delivered, extra))
    return {
        "applications": [{"clientId": "amzn1.application-oa2-client.demo0000000000000000000000000000", "clientSecret": "demo-client-secret",
                          "refreshToken": "Atzr|demo-refresh-token"}],
        "tokenLifetimeSeconds": 3600,
        "orders": orders,
    }


def month():
    """About 11 orders a day for 35 days over US, CA (NA) and UK, DE (EU): delivered 2–6 days
    after purchase, the newest not shipped yet; about 3% canceled, 4% refunded, 2% returned
    (refunds and returns show on the pages only), a tenth of those in the window already requested."""
    r = random.Random(202611)
    weights = [("US", 5), ("CA", 2), ("UK", 2), ("DE", 2)]
    orders = []
    for day in range(35, -1, -1):
        for i in range(r.choice([9, 10, 11, 12, 13])):
            country = r.choices([c for c, _ in weights], [w for _, w in weights])[0]
            transit = r.randrange(2, 7)
            roll = r.random()
            if roll < 0.03:
                o = make_order(r, country, i, "Canceled", None, {"age": max(day, 1)})
            elif day <= 1:
                o = make_order(r, country, i, "Pending" if roll < 0.3 else "Unshipped", None, {"age": max(day, 1)})
            else:
                delivered = day - transit
                extra = {}
                if roll < 0.07:
                    extra["refunded"] = True
                elif roll < 0.09:
                    extra.update(refunded=True, returned=True)
                if delivered >= 6 and r.random() < 0.1:
                    extra["solicited"] = r.randrange(0, delivered - 4)
                o = make_order(r, country, i, "Shipped", delivered, extra)
                o["purchaseDate"] = f"now-{day}d"
            orders.append(o)
    seen = set()
    orders = [o for o in orders if not (o["amazonOrderId"] in seen or seen.add(o["amazonOrderId"]))]
    return {
        "applications": [{
            "clientId": "amzn1.application-oa2-client.month00000000000000000000000000",
            "clientSecret": "month-client-secret",
            "refreshTokens": {"na": "Atzr|month-refresh-token-na", "eu": "Atzr|month-refresh-token-eu"},
            "roles": ["buyerCommunication", "buyerSolicitation", "inventoryAndOrderTracking"],
            "marketplaces": ["ATVPDKIKX0DER", "A2EUQ1WTGCTBG2", "A1F83G8C2ARO7P", "A1PA6795UKMFR9"],
            "storeName": "Maple & Linden",
        }],
        "tokenLifetimeSeconds": 3600,
        "orders": orders,
    }


def autopilot(n):
    """`n` orders for the autopilot bench (`make bench`): one seller in North America, Amazon.com and
    Amazon.ca, every order shipped and delivered 6 to 20 days ago (the review window is open), last
    updated over the past 30 days (the first look's 35 days reach them all); about 3% canceled. Ids
    are unique by construction: 10,000 orders need no draw without repeats."""
    r = random.Random(n)
    orders = []
    for i in range(n):
        market = "ATVPDKIKX0DER" if i % 4 else "A2EUQ1WTGCTBG2"
        delivered = 6 + i % 15
        o = {"amazonOrderId": f"{'113' if market == 'ATVPDKIKX0DER' else '701'}-{1000000 + i}-{2000000 + r.randrange(10**6)}",
             "marketplaceId": market, "status": "Canceled" if r.random() < 0.03 else "Shipped",
             "purchaseDate": f"now-{delivered + 3}d", "lastUpdatedDate": f"now-{1 + i % 29}d", "buyerLocale": "en-US", "fulfilledBy": "MERCHANT"}
        if o["status"] == "Shipped":
            o["earliestDeliveryDate"] = f"now-{delivered + 1}d"
            o["latestDeliveryDate"] = f"now-{delivered}d"
        orders.append(o)
    return {
        "applications": [{
            "clientId": "amzn1.application-oa2-client.bench0000000000000000000000000",
            "clientSecret": "bench-client-secret",
            "refreshTokens": {"na": "Atzr|bench-refresh-token-na"},
            "roles": ["buyerCommunication", "buyerSolicitation", "inventoryAndOrderTracking"],
            "marketplaces": ["ATVPDKIKX0DER", "A2EUQ1WTGCTBG2"],
        }],
        "tokenLifetimeSeconds": 3600,
        "orders": orders,
    }


args = sys.argv[1:]
if "--autopilot" in args:
    # --autopilot N OUT: the bench's scenario of N orders, written to OUT.
    n, out = int(args[args.index("--autopilot") + 1]), Path(args[args.index("--autopilot") + 2])
    out.write_text(json.dumps(autopilot(n)) + "\n")
    print(f"{n} orders in {out}")
    sys.exit(0)
if "--month" in args:
    name, scenario = "month.json", month()
else:
    name, scenario = "orders.json", demo()
Path(__file__).with_name(name).write_text(json.dumps(scenario, indent=1, ensure_ascii=False) + "\n")
print(f"{len(scenario['orders'])} orders in {name}")
