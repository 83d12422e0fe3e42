using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MailStreams.Ingress.Svix;

/// <summary>
/// The Standard Webhooks v1 scheme (specs/webhooks.md §3–4): HMAC-SHA256 over <c>{id}.{timestamp}.</c> + raw body,
/// tokens <c>v1,&lt;base64&gt;</c> in a space-separated list. Pure helpers shared by verifier, signer and diagnosis.
/// </summary>
internal static class SvixSignature
{
    public const string Version = "v1";

    /// <summary>The expected <c>v1,&lt;base64&gt;</c> token for this key, id, timestamp header text and body bytes.</summary>
    public static string ExpectedToken(byte[] key, string msgId, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{msgId}.{timestamp}."));
        hmac.AppendData(body);
        return Version + "," + Convert.ToBase64String(hmac.GetHashAndReset());
    }

    /// <summary>The tokens of a signature header; empty tokens from extra spaces are dropped.</summary>
    public static string[] Tokens(string signatureHeader) =>
        signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The version label of a token (text before the first comma), or null when it has no comma.</summary>
    public static string? Label(string token)
    {
        var comma = token.IndexOf(',');
        return comma < 0 ? null : token[..comma];
    }

    /// <summary>True when any token equals the expected token; constant time per comparison.</summary>
    public static bool AnyMatches(IEnumerable<string> tokens, string expectedToken)
    {
        var expected = Encoding.UTF8.GetBytes(expectedToken);
        var found = false;
        foreach (var token in tokens)
            found |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), expected);
        return found;
    }

    /// <summary>Strict base-10 Unix seconds (digits only, no sign, no spaces), or null.</summary>
    public static long? ParseTimestamp(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
}
