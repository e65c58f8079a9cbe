"""python-amazon-sp-api (PyPI, pinned in requirements.txt) against sp-sandbox --proxy, configured
by environment variables only, as a developer would point it at Amazon: HTTPS_PROXY and
SSL_CERT_FILE reach the emulator under the real host names; LWA_APP_ID, LWA_CLIENT_SECRET and
SP_API_REFRESH_TOKEN are the app's credentials. `make test-clients` starts sp-sandbox and sets
them; SP_SANDBOX_URL is its admin address. Issue #15: a review twice (the second refused), a
message body with an extra field, an attachment upload and its message, a 429 burst recovered by
the client's own retry, an expired token refreshed."""
import io
import json
import os
import time
import unittest
import urllib.request
import warnings

import httpx
from sp_api.api import Messaging, Solicitations, Upload
from sp_api.auth.access_token_client import cache as token_cache
from sp_api.base import Marketplaces, SellingApiForbiddenException
from sp_api.base.helpers import create_md5
from sp_api.util import throttle_retry

ADMIN = os.environ["SP_SANDBOX_URL"] + "/_sandbox/"


def admin(path, method="GET", body=None):
    req = urllib.request.Request(ADMIN + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("content-type", "application/json")
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


def log(operation):
    return admin("log?operation=" + operation)


class PythonSpApi(unittest.TestCase):
    def setUp(self):
        # A reset forgets the emulator's tokens: the client's cache of them goes too.
        admin("reset", "POST")
        token_cache.clear()
        # The library leaves its HTTP clients to the garbage collector.
        warnings.filterwarnings("ignore", category=ResourceWarning)

    def test_a_review_is_requested_once_the_second_is_refused(self):
        client = Solicitations(Marketplaces.US)
        # The library's documented call: marketplaceIds as a keyword (it goes to the query; the
        # library also puts it in the body, which Amazon ignores).
        us = Marketplaces.US.marketplace_id
        self.assertEqual(client.create_product_review_and_seller_feedback_solicitation("111-0000000-0000001", marketplaceIds=us).payload, {})
        with self.assertRaises(SellingApiForbiddenException) as refused:
            client.create_product_review_and_seller_feedback_solicitation("111-0000000-0000001", marketplaceIds=us)
        self.assertEqual(refused.exception.message, "The requested solicitation is not available for this amazonOrderId.")
        creates = log("createProductReviewAndSellerFeedbackSolicitation")
        self.assertEqual([e["status"] for e in creates], [201, 403])
        self.assertEqual(creates[0]["headers"][[h[0] for h in creates[0]["headers"]].index("host")][1], "sellingpartnerapi-na.amazon.com")

    def test_a_message_whose_body_has_an_extra_field(self):
        Messaging(Marketplaces.US).create_unexpected_problem("111-0000000-0000002", body={"text": "Your parcel was delayed by the carrier."})
        sent = json.loads(log("createUnexpectedProblem")[0]["body"])
        self.assertEqual(sent["marketplaceIds"], ["ATVPDKIKX0DER"], "the client adds marketplaceIds to every body")
        order = next(o for o in admin("orders")["orders"] if o["amazonOrderId"] == "111-0000000-0000002")
        self.assertEqual([m["kind"] for m in order["sent"]], ["unexpectedProblem"])

    def test_an_attachment_upload_then_the_message(self):
        pdf = b"%PDF-1.4\n% invoice 2026-0042\n"
        order = "111-0000000-0000003"
        dest = Upload(Marketplaces.US).upload_document(f"messaging/v1/orders/{order}/messages/invoice", io.BytesIO(pdf), "application/pdf").payload
        self.assertTrue(dest["url"].startswith("https://s3.amazonaws.com/buyer-seller-messaging-prod-draft-attachment-namarketplace/"), dest["url"])
        self.assertEqual(dest["headers"], {"x-amz-server-side-encryption": "aws:kms", "Content-MD5": create_md5(io.BytesIO(pdf))})
        # The PUT as a developer writes it: httpx, the URL and headers exactly as returned.
        with httpx.Client() as s3:
            put = s3.put(dest["url"], content=pdf, headers=dest["headers"])
        self.assertEqual(put.status_code, 200, put.text)
        body = {"attachments": [{"uploadDestinationId": dest["uploadDestinationId"], "fileName": "invoice-2026-0042.pdf"}]}
        Messaging(Marketplaces.US).send_invoice(order, body=body)
        state = next(o for o in admin("orders")["orders"] if o["amazonOrderId"] == order)
        self.assertEqual(state["sent"][0]["body"]["attachments"][0]["fileName"], "invoice-2026-0042.pdf")

    def test_a_429_burst_is_recovered_by_the_clients_own_retry(self):
        client = Messaging(Marketplaces.US)

        @throttle_retry(tries=10, delay=0.3, rate=1.3)
        def attributes():
            return client.get_attributes("111-0000000-0000001").payload

        for _ in range(8):
            self.assertEqual(attributes(), {"buyer": {"locale": "en-US"}})
        statuses = [e["status"] for e in log("GetAttributes")]
        self.assertEqual(statuses.count(200), 8)
        self.assertGreaterEqual(statuses.count(429), 1, "burst 5 at 1/s: some calls were throttled and retried")

    def test_an_expired_token_is_refreshed(self):
        client = Messaging(Marketplaces.US)
        client.get_attributes("111-0000000-0000001")
        first = client.auth.access_token
        time.sleep(4.5)  # the scenario's tokens live 4 s; the client caches them 3 s (SP_API_AUTH_CACHE_TTL)
        client.get_attributes("111-0000000-0000001")
        self.assertNotEqual(client.auth.access_token, first, "a new token")
        stale = httpx.get(
            "https://sellingpartnerapi-na.amazon.com/messaging/v1/orders/111-0000000-0000001/attributes?marketplaceIds=ATVPDKIKX0DER",
            headers={"x-amz-access-token": first},
        )
        self.assertEqual(stale.status_code, 403)
        self.assertIn("expired", stale.json()["errors"][0]["details"])
        self.assertGreaterEqual(len(log("lwaToken")), 2)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    raise SystemExit(1 if failed or not result.testsRun else 0)
