using System.Security.Cryptography;
using MailStreams.Host.Secrets;

namespace MailStreams.Host.Tests.Secrets;

/// <summary>The GCM used for SOPS values agrees with .NET's AesGcm where both apply, and rejects a wrong tag.</summary>
public sealed class AesGcmAnyNonceTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(77)]
    public void Matches_AesGcm_for_12_byte_nonces(int length)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plain = RandomNumberGenerator.GetBytes(length);
        var aad = "a:b:"u8.ToArray();
        var expected = new byte[length];
        var expectedTag = new byte[16];
        using (var gcm = new AesGcm(key, 16)) gcm.Encrypt(nonce, plain, expected, expectedTag, aad);

        var (ciphertext, tag) = AesGcmAnyNonce.Encrypt(key, nonce, plain, aad);

        Assert.Equal(expected, ciphertext);
        Assert.Equal(expectedTag, tag);
    }

    [Fact]
    public void Round_trips_with_32_byte_nonces_and_refuses_other_additional_data()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(32);
        var (ciphertext, tag) = AesGcmAnyNonce.Encrypt(key, nonce, "hello"u8.ToArray(), "A:"u8.ToArray());

        Assert.Equal("hello"u8.ToArray(), AesGcmAnyNonce.Decrypt(key, nonce, ciphertext, tag, "A:"u8.ToArray()));
        Assert.Throws<CryptographicException>(() => AesGcmAnyNonce.Decrypt(key, nonce, ciphertext, tag, "B:"u8.ToArray()));
    }
}
