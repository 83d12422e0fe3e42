using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MailStreams.Host.Secrets;

/// <summary>
/// One SOPS value, <c>ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]</c>: AES-256-GCM with a 32-byte IV, the value's path
/// (<c>a:b:</c>) as additional data, base64 parts. Pure apart from the random IV.
/// </summary>
internal static partial class SopsValue
{
    public const int IvSize = 32;

    [GeneratedRegex(@"^ENC\[AES256_GCM,data:(.*),iv:(.+),tag:(.+),type:(.+)\]$")]
    private static partial Regex Format();

    public static bool IsEncrypted(string value) => value.StartsWith("ENC[AES256_GCM,", StringComparison.Ordinal);

    /// <summary>The additional data SOPS binds a value to: its keys joined by ':' with a trailing ':'.</summary>
    public static string PathOf(IEnumerable<string> keys) => string.Join(":", keys) + ":";

    public static string Encrypt(string plaintext, byte[] dataKey, string additionalData, string type = "str")
    {
        if (plaintext.Length == 0) return "";
        var iv = RandomNumberGenerator.GetBytes(IvSize);
        var (data, tag) = AesGcmAnyNonce.Encrypt(dataKey, iv, Encoding.UTF8.GetBytes(plaintext), Encoding.UTF8.GetBytes(additionalData));
        return $"ENC[AES256_GCM,data:{Convert.ToBase64String(data)},iv:{Convert.ToBase64String(iv)},tag:{Convert.ToBase64String(tag)},type:{type}]";
    }

    /// <summary>The plaintext (as SOPS writes it: numbers and booleans as text); <see cref="SecretsException"/> if it does not decrypt.</summary>
    public static string Decrypt(string value, byte[] dataKey, string additionalData)
    {
        if (value.Length == 0) return "";
        var match = Format().Match(value);
        if (!match.Success) throw new SecretsException($"value at '{additionalData.TrimEnd(':')}' is not in SOPS' ENC[AES256_GCM,…] format");
        try
        {
            var plain = AesGcmAnyNonce.Decrypt(dataKey, Convert.FromBase64String(match.Groups[2].Value), Convert.FromBase64String(match.Groups[1].Value),
                Convert.FromBase64String(match.Groups[3].Value), Encoding.UTF8.GetBytes(additionalData));
            return Encoding.UTF8.GetString(plain);
        }
        catch (FormatException)
        {
            throw new SecretsException($"value at '{additionalData.TrimEnd(':')}' has invalid base64");
        }
        catch (CryptographicException)
        {
            throw new SecretsException($"value at '{additionalData.TrimEnd(':')}' does not decrypt (tampered, moved to another key, or another data key)");
        }
    }
}
