//! The core's base64 of the MD5 digest (hand-written for size, src/upload.rs) agrees with the
//! `base64` crate on any bytes, and on the digests of any files.
#![cfg(not(target_arch = "wasm32"))]
use base64::Engine as _;
use proptest::prelude::*;
use sp_outreach::upload::{base64, content_md5};

fn reference(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn every_padding_case() {
    for bytes in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", &[0xff, 0xfe, 0xfd, 0x00]] {
        assert_eq!(base64(bytes), reference(bytes));
    }
    // RFC 4648 §10.
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    assert_eq!(base64(b"fo"), "Zm8=");
}

proptest! {
    #[test]
    fn agrees_with_the_base64_crate(bytes in prop::collection::vec(any::<u8>(), 0..100)) {
        prop_assert_eq!(base64(&bytes), reference(&bytes));
        let md5 = content_md5(&bytes);
        prop_assert_eq!(md5.len(), 24);
        prop_assert!(md5.ends_with("=="));
    }
}
