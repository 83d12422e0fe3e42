using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MailStreams.Mail;

/// <summary>
/// Minimal HTML ↔ plain text conversions for mail bodies: a readable text from an html-only message, and a safe
/// <c>&lt;p&gt;</c>/<c>&lt;br&gt;</c> html from a reply text. Pure functions; not a sanitizer.
/// </summary>
internal static partial class HtmlText
{
    /// <summary>Strips tags simply: drops head/script/style, turns block ends and &lt;br&gt; into line breaks, decodes entities.</summary>
    public static string ToPlainText(string html)
    {
        var text = Invisible().Replace(html, "");
        text = Whitespace().Replace(text, " ");
        text = LineBreak().Replace(text, "\n");
        text = ParagraphEnd().Replace(text, "\n\n");
        text = BlockEnd().Replace(text, "\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00a0', ' ');
        var lines = text.Split('\n').Select(l => l.Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    /// <summary>Escapes a text and lays it out as paragraphs (blank lines) and line breaks.</summary>
    public static string FromPlainText(string text)
    {
        var normalized = text.Replace("\r\n", "\n").Replace('\r', '\n').Trim('\n');
        var html = new StringBuilder();
        foreach (var paragraph in ParagraphSplit().Split(normalized))
        {
            var lines = paragraph.Split('\n').Select(Escape);
            html.Append("<p>").Append(string.Join("<br>", lines)).Append("</p>");
        }
        return html.ToString();
    }

    /// <summary>Encodes the five characters that matter in html text and attributes; everything else stays as it is.</summary>
    public static string Escape(string text)
    {
        var html = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            var entity = c switch { '<' => "&lt;", '>' => "&gt;", '&' => "&amp;", '"' => "&quot;", '\'' => "&#39;", _ => null };
            if (entity is null) html.Append(c);
            else html.Append(entity);
        }
        return html.ToString();
    }

    [GeneratedRegex(@"<(head|script|style|title)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</(p|h[1-6]|blockquote|table|ul|ol)\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphEnd();

    [GeneratedRegex(@"</(div|li|tr)\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\n[ \t]*\n+")]
    private static partial Regex ParagraphSplit();
}
