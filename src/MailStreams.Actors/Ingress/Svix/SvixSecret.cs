namespace MailStreams.Ingress.Svix;

/// <summary>
/// Decodes a signing secret (<c>whsec_&lt;base64&gt;</c> or bare base64, standard alphabet, padded) into the HMAC key.
/// Pure; throws <see cref="WebhookSecretException"/> with a message that says what is wrong but never repeats the secret.
/// </summary>
internal static class SvixSecret
{
    public const string Prefix = "whsec_";

    /// <summary>The key bytes of <paramref name="secret"/>; <paramref name="label"/> names it in error messages.</summary>
    public static byte[] Decode(string? secret, string label = "webhook secret")
    {
        var text = (secret ?? "").Trim();
        if (text.StartsWith(Prefix, StringComparison.Ordinal)) text = text[Prefix.Length..];
        if (text.Length == 0)
            throw new WebhookSecretException($"{label} is empty: expected '{Prefix}' followed by a base64 key");

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsBase64Char(c) || c == '=') continue;
            var hint = c is '-' or '_' ? " (URL-safe base64 is not accepted; use the standard alphabet with '+' and '/')" : "";
            throw new WebhookSecretException(
                $"{label} is not valid base64: character {Describe(c)} at position {i + 1} after the prefix is not allowed{hint}");
        }

        var buffer = new byte[text.Length];
        if (text.Length % 4 != 0 || !Convert.TryFromBase64String(text, buffer, out var written))
            throw new WebhookSecretException(
                $"{label} is not valid base64: {text.Length} characters, padding with '=' to a multiple of 4 is required");
        if (written == 0)
            throw new WebhookSecretException($"{label} decodes to an empty key");
        return buffer[..written];
    }

    private static bool IsBase64Char(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/';

    private static string Describe(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
