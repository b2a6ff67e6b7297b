//! RSA signatures against the published test vectors (a test key pair, not a platform's).

use gamechannel_core::{Algorithm, Compare, KeyError, Output, Signer};

const PRIVATE_PEM: &str = "-----BEGIN PRIVATE KEY-----\nMIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAOpHcMhqAC+JTl3N\nCKohujsE6sQz4eyvY+v2HlzpY7g+IECL3jKLMro/2q70wQ8C6gPBM6r9Yj55WKr3\nXN+74HZUBJhyYrcbRiVwO0g97DGVm2kYmjlc/i4BLUYkvzEqCMuUQQsPgDSNsOcr\n4agBfbcQa/NcWgSKRc3CSGn1QN2/AgMBAAECgYBDpSsYgxrYnvHEvc3xqdlm7y2G\nR2DFgYL9f8wWkcEcUrvnRzt6Jp0YEBXpjHwuBG5jdSahCZaTaWBDxTbI1yuhEYUv\nB4TBWzQN1ZPyU37iC6PxLcE3Ta4PlDFaRgfm2BnlcEDlN691z1dRLgVhFb+ikdAa\neyERGWBwQCo6eQlJGQJBAPcCy6y3+d0bF5nySAMDCPqfd9W4PVGe6JN8K4XBQ8bD\nR+D7VMWYjoA3/DrCXwePhymgDwVLHNzabS0vEp/IKEUCQQDyzghJv6tmOHXV77bK\nmCEJMAQfxVuAxIPb78MBV4BSJeCjnYTtx7N9N1MQ9fQ7Yph8Ab620bLse2nhwjIE\nxvgzAkBhzmuTgm2fjUC1Jmg5ORRvGIG80G0HSqLQ81PQbIxHwb9OaHZSn2udfY2U\nPq6eMcjVRJluASX2lU6xm3gGaJz5AkEA6beBKtwgtGispJ32KdV+F0Xs8lga2DxR\nYKfN4cDEeE6ViWjax7dvApz6jFz0FyW0+ckENx5rSE8TgIhZdVfBGQJAJoxSyGe3\nPHRObL4cqL5uFYWZgYP0+0paRZ6o7r4S2MRC5M+1HKfuZTOBMxtkgFpNX2gNHYmJ\nGcqmzlVCbc7t8Q==\n-----END PRIVATE KEY-----\n";
const PUBLIC_B64_DER: &str = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDqR3DIagAviU5dzQiqIbo7BOrEM+Hsr2Pr9h5c6WO4PiBAi94yizK6P9qu9MEPAuoDwTOq/WI+eViq91zfu+B2VASYcmK3G0YlcDtIPewxlZtpGJo5XP4uAS1GJL8xKgjLlEELD4A0jbDnK+GoAX23EGvzXFoEikXNwkhp9UDdvwIDAQAB";

fn check(algorithm: Algorithm, message: &str, expected: &str) {
    let signer = Signer::new(algorithm, Output::Base64);
    assert_eq!(
        signer
            .sign(PRIVATE_PEM.as_bytes(), message.as_bytes())
            .unwrap(),
        expected
    );
    assert_eq!(
        signer.verify(PUBLIC_B64_DER.as_bytes(), message.as_bytes(), expected),
        Ok(true)
    );
    // The private key verifies too (its public half), as a mock holding one key pair needs.
    assert_eq!(
        signer.verify(PRIVATE_PEM.as_bytes(), message.as_bytes(), expected),
        Ok(true)
    );
    let mut tampered = message.to_owned();
    tampered.push(' ');
    assert_eq!(
        signer.verify(PUBLIC_B64_DER.as_bytes(), tampered.as_bytes(), expected),
        Ok(false)
    );
}

#[test]
fn oppo_sha1() {
    check(
        Algorithm::RsaSha1,
        "notifyId=GC2021060901398888888&partnerOrder=11111111&productName=300钻石&productDesc=55555&price=600&count=1&attach=自定义字段",
        "C7cQwLe17r8DYm3U4RvT1SStgxv89LF7dZvtnDynh6aLO52fTe/Z/evRAHrQcnBn04BgkVrZGIJr6o5aCs4ZnxyxQuV2UiQ5zvmpcVWyqjTWvfDmjL34DfVSBfTqHGanzhdyBfM8UxaJZy/i8jnt7LWaQIwVbOiNFumQgiISbmk=",
    );
}

#[test]
fn huawei_sha256_and_sha1() {
    check(
        Algorithm::RsaSha256,
        "accessMode=0&amount=10.00&bankId=AliPay&extReserved=11&notifyTime=1554733129506&orderId=A3b6a9dd1d0000dee66b32e085692&orderTime=2019-04-08 22:18:48&payType=4&productName=100元宝&requestId=8328000000592&result=0&spending=0.00&sysReserved=&tradeTime=2019-04-08 22:18:49&userName=900086000000000001",
        "rPEuBANEiVcvKNTDJVYPG6o8CuNg8DKaqGK4gpX5XqwJWhoh4W4/9W14uCpMDaXNh84p6jYbQl4GPan05RBFMgEEagxi3vwDc0DSaEN1IB3/Mz2t70L/1A5UXbkhgP/tZ8xG4bCXmLjV6yU0T1iAM609UolKKR/WZxXjsPv3woU=",
    );
    check(
        Algorithm::RsaSha1,
        "accessMode=0&amount=10.00&bankId=AliPay&extReserved=11&notifyTime=1554733129506&orderId=A3b6a9dd1d0000dee66b32e085692&orderTime=2019-04-08 22:18:48&payType=4&productName=100元宝&requestId=8328000000592&result=0&spending=0.00&sysReserved=&tradeTime=2019-04-08 22:18:49&userName=900086000000000001",
        "o9FjAYBAqGAEjNMDviP69dyxMcq1xCvORLLou4EVq1MSDLjb9Gweo/MsOiZXv1avPn2pYYIEIGJzwtEcc04OAp4fdKspu6zGIit4Ipbv6imZ0EJqQfkcwGFjPI83vWtgjGiv5Fy4rzIj4/yDxrNrXLwVUTmTDqucHD/H3kOWGc4=",
    );
    check(
        Algorithm::RsaSha256,
        "appId=10000001&cpId=890086000000000001&method=external.hms.gs.checkPlayerSign&playerId=1234567890&playerLevel=10&playerSSign=a%2Bb%2Fc%3D%7E%2A&ts=1543218888888",
        "ywIYN6ReJNRDKsM3n2hwNfw/mN3J/aQ09RatcI4SAldc0hvt0AHZ70nsrGeKP8L4h1qyDQkyLATfScwvjoZ10Hq3+wW1viA6TOkV7MSgEk7CErujfOKbz0Uhy42SeNEtVWAKr1XrIyk078j/YgR61lX4ZbJnfeYODLWlEibCOpw=",
    );
}

#[test]
fn bad_keys_are_errors_not_panics() {
    let signer = Signer::new(Algorithm::RsaSha256, Output::Base64);
    assert_eq!(
        signer.sign(b"not a key", b"m"),
        Err(KeyError::NotAPrivateKey)
    );
    assert_eq!(
        signer.sign(PUBLIC_B64_DER.as_bytes(), b"m"),
        Err(KeyError::NotAPrivateKey)
    );
    assert_eq!(
        signer.verify(b"", b"m", "AAAA"),
        Err(KeyError::NotAPublicKey)
    );
    assert_eq!(
        signer.verify(b"x", b"m", "%%%"),
        Err(KeyError::NotAPublicKey)
    );
    // A forged signature (garbage, wrong length, not base64) is just not genuine.
    for forged in ["", "AAAA", "not base64!"] {
        assert_eq!(
            signer.verify(PUBLIC_B64_DER.as_bytes(), b"m", forged),
            Ok(false)
        );
    }
    assert_eq!(
        Algorithm::RsaSha1.verify(
            PUBLIC_B64_DER.as_bytes(),
            b"m",
            Output::Base64,
            "AAAA",
            Compare::Exact
        ),
        Ok(false)
    );
}
