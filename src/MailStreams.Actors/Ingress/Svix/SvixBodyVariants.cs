using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MailStreams.Ingress.Svix;

/// <summary>
/// Common accidental changes to a webhook body (newline at the end, line endings, JSON re-serialization), each
/// undone or redone on the body at hand, so a diagnosis can say "body changed" when one of them matches. Pure.
/// </summary>
internal static class SvixBodyVariants
{
    /// <summary>(description of the change applied to the given body, the resulting bytes); only variants that differ.</summary>
    public static IEnumerable<(string Change, byte[] Body)> Of(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var candidates = new List<(string, string?)>
        {
            ("the trailing newline removed", WithoutTrailingNewline(text)),
            ("a trailing newline added", text + "\n"),
            ("CRLF line endings turned into LF", text.Contains("\r\n") ? text.Replace("\r\n", "\n") : null),
            ("LF line endings turned into CRLF", text.Contains('\n') ? text.Replace("\r\n", "\n").Replace("\n", "\r\n") : null),
        };
        if (Reserialize(body, indented: false) is { } compact)
        {
            candidates.Add(("the JSON re-serialized compact (no whitespace)", compact));
            candidates.Add(("the JSON re-serialized compact with a trailing newline", compact + "\n"));
        }
        if (Reserialize(body, indented: true) is { } pretty)
        {
            candidates.Add(("the JSON pretty-printed (2-space indent)", pretty));
            candidates.Add(("the JSON pretty-printed with a trailing newline", pretty + "\n"));
        }

        foreach (var (change, variant) in candidates)
            if (variant is not null && variant != text)
                yield return (change, Encoding.UTF8.GetBytes(variant));
    }

    private static string? WithoutTrailingNewline(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2]
        : text.EndsWith('\n') ? text[..^1]
        : null;

    private static string? Reserialize(byte[] body, bool indented)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
                   { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                document.RootElement.WriteTo(writer);
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
