#!/usr/bin/env python3
"""Writes www/demo/orders.json, the demo scenario: 44 orders across US, UK, DE and JP. Seeded, so
re-running gives the same file. Dates are relative ("now-12d"), so the demo is realistic on any day."""
import json, random
from pathlib import Path

rng = random.Random(20261123)
MARKETS = {
    "US": ("ATVPDKIKX0DER", "Amazon.com", "USD", ["111", "112", "113", "114"], ["en-US", "en-US", "es-US"]),
    "UK": ("A1F83G8C2ARO7P", "Amazon.co.uk", "GBP", ["202", "203", "204", "206"], ["en-GB", "en-GB", "pl-PL"]),
    "DE": ("A1PA6795UKMFR9", "Amazon.de", "EUR", ["302", "303", "304", "305", "028"], ["de-DE", "de-DE", "en-GB", "tr-TR"]),
    "JP": ("A1VC38T7YXB528", "Amazon.co.jp", "JPY", ["249", "250", "503"], ["ja-JP", "ja-JP", "en-US"]),
}
PRODUCTS = [
    ("Bamboo Cutting Board Set (3 pcs)", 24.99), ("Stainless Steel Water Bottle 750 ml", 18.5), ("Ceramic Pour-Over Coffee Dripper", 21.0),
    ("Merino Wool Hiking Socks, 3 pairs", 29.95), ("LED Desk Lamp with USB-C", 39.99), ("Silicone Baking Mats (2)", 12.49),
    ("Cast Iron Skillet 26 cm", 34.0), ("Linen Tea Towels, set of 4", 16.75), ("Wireless Charging Pad", 19.99),
    ("Personalised Leather Keyring", 14.0), ("Yoga Mat 6 mm", 27.5), ("Glass Food Storage Containers (5)", 31.2),
]
NAMES = {"US": ["Jordan Ellis", "Maria Gomez", "Chris Park", "Ashley Nguyen"], "UK": ["Oliver Hughes", "Amelia Clarke", "Kasia Nowak"],
         "DE": ["Lukas Becker", "Anna Schmidt", "Mehmet Yilmaz", "Sophie Wagner"], "JP": ["佐藤 花子", "鈴木 一郎", "高橋 美咲"]}
CITIES = {"US": ["Seattle, WA", "Austin, TX", "Denver, CO"], "UK": ["Leeds", "Bristol", "Glasgow"], "DE": ["Berlin", "München", "Köln"], "JP": ["東京都", "大阪府", "札幌市"]}

# (status, days since delivery or None, extra) — a spread over the review window and around it.
PLAN = [
    ("Shipped", 2, {}), ("Shipped", 4, {}), ("Shipped", 6, {}), ("Shipped", 9, {}), ("Shipped", 14, {}), ("Shipped", 21, {}),
    ("Shipped", 28, {}), ("Shipped", 33, {}), ("Shipped", 12, {"refunded": True}), ("Shipped", 16, {"solicited": 8}),
    ("Shipped", -2, {}), ("Unshipped", None, {}), ("Canceled", None, {}), ("Shipped", 18, {"returned": True, "refunded": True}),
]
COUNTS = {"US": 14, "UK": 10, "DE": 10, "JP": 10}

def order_id(prefix):
    return f"{prefix}-{rng.randrange(10**6, 10**7)}-{rng.randrange(10**6, 10**7)}"

orders = []
for country, n in COUNTS.items():
    market, channel, currency, prefixes, locales = MARKETS[country]
    plan = PLAN[:n] if n == len(PLAN) else [PLAN[i] for i in (0, 2, 3, 9, 6, 7, 8, 10, 11, 12)][:n]
    for i, (status, delivered, extra) in enumerate(plan):
        product, price = rng.choice(PRODUCTS)
        qty = rng.choice([1, 1, 1, 2])
        if currency == "JPY":
            price = round(price * 150, -1)
        fba = rng.random() < 0.4
        o = {"amazonOrderId": order_id(rng.choice(prefixes)), "marketplaceId": market, "status": status}
        if delivered is not None:
            spread = rng.choice([0, 1, 2])
            o["purchaseDate"] = f"now-{delivered + 3 + spread}d" if delivered + 3 + spread > 0 else "now-1d"
            o["earliestDeliveryDate"] = f"now{-(delivered + spread):+d}d".replace("+-", "-")
            o["latestDeliveryDate"] = f"now{-delivered:+d}d"
        else:
            o["purchaseDate"] = f"now-{rng.choice([1, 2])}d"
        if extra.get("refunded"):
            o["refunded"] = True
        if extra.get("returned"):
            o["returned"] = True
        o["buyerLocale"] = locales[i % len(locales)]
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
        orders.append(o)

scenario = {
    "applications": [{"clientId": "amzn1.application-oa2-client.demo0000000000000000000000000000", "clientSecret": "demo-client-secret",
                      "refreshToken": "Atzr|demo-refresh-token"}],
    "tokenLifetimeSeconds": 3600,
    "orders": orders,
}
Path(__file__).with_name("orders.json").write_text(json.dumps(scenario, indent=1, ensure_ascii=False) + "\n")
print(f"{len(orders)} orders")
