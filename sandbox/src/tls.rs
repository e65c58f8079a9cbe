//! `--tls` and `--proxy`: a self-signed certificate made at start-up for the real Amazon host
//! names and S3 (hosts.rs), so a browser started with `--host-resolver-rules` and
//! `--ignore-certificate-errors` (toolchain.md "Testing the shipped extension against real host
//! names"), or any client through the proxy trusting this certificate, reaches the emulator as
//! Amazon.
use std::sync::Arc;

/// The TLS configuration and the PEM of the certificate to trust (served at
/// /_sandbox/certificate and written by `--write-certificate`): a fresh local CA each start, and
/// a server certificate it signs for every Amazon host name. A real CA (basicConstraints CA,
/// key usages, key identifiers) rather than a bare self-signed leaf, so strict verifiers —
/// Python 3.13's default context, Node's NODE_EXTRA_CA_CERTS — accept it as a trust anchor.
/// HTTP/1.1 only, so an injected connection drop affects exactly one request, not every stream
/// of an HTTP/2 connection.
pub fn self_signed() -> Result<(Arc<rustls::ServerConfig>, String), String> {
    use rcgen::{BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose};
    let err = |e: rcgen::Error| format!("certificate: {e}");
    let now = time::OffsetDateTime::now_utc();
    let ca_key = KeyPair::generate().map_err(err)?;
    let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(err)?;
    ca.distinguished_name.push(DnType::CommonName, "sp-sandbox local CA");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    ca.not_before = now - time::Duration::days(1);
    ca.not_after = now + time::Duration::days(365);
    let ca_cert = ca.self_signed(&ca_key).map_err(err)?;
    let leaf_key = KeyPair::generate().map_err(err)?;
    let mut leaf = CertificateParams::new(crate::hosts::host_names()).map_err(err)?;
    leaf.distinguished_name.push(DnType::CommonName, "sp-sandbox");
    leaf.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
    leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    leaf.use_authority_key_identifier_extension = true;
    leaf.not_before = ca.not_before;
    leaf.not_after = ca.not_after;
    let leaf_cert = leaf.signed_by(&leaf_key, &Issuer::from_params(&ca, &ca_key)).map_err(err)?;
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into());
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("tls: {e}"))?
        .with_no_client_auth()
        .with_single_cert(vec![leaf_cert.der().clone(), ca_cert.der().clone()], key)
        .map_err(|e| format!("tls: {e}"))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok((Arc::new(config), ca_cert.pem()))
}
