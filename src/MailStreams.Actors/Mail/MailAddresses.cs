using System.Text;
using MimeKit;

namespace MailStreams.Mail;

/// <summary>
/// Tolerant address handling shared by the parser, the router, the loop guard and the reply builder:
/// parses display strings ("Name &lt;a@b&gt;", groups, bare addresses), unquotes local parts and formats mailboxes.
/// Pure functions; unparsable input yields nothing rather than an exception.
/// </summary>
internal static class MailAddresses
{
    /// <summary>Loose parsing: real-world headers are full of almost-valid addresses.</summary>
    public static readonly ParserOptions Parser = CreateParserOptions();

    /// <summary>A parsed mailbox: local part already unquoted, domain lower-cased without a trailing dot.</summary>
    public readonly record struct Mailbox(string LocalPart, string Domain)
    {
        public string Address => LocalPart + "@" + Domain;
    }

    /// <summary>Every mailbox in an address-list string (groups flattened). Garbage entries are skipped.</summary>
    public static IReadOnlyList<Mailbox> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        if (InternetAddressList.TryParse(Parser, text, out var list)) return Flatten(list);
        // One bad entry fails the whole list: retry piece by piece so the good ones still count.
        var found = new List<Mailbox>();
        foreach (var piece in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries))
            if (InternetAddressList.TryParse(Parser, piece, out var single)) found.AddRange(Flatten(single));
        return found;
    }

    /// <summary>The first mailbox in a string, or null.</summary>
    public static Mailbox? First(string? text) => Parse(text) is [var first, ..] ? first : null;

    /// <summary>Display strings ("Name &lt;a@b&gt;" or "a@b") for every mailbox of a parsed header, groups flattened.</summary>
    public static IReadOnlyList<string> Display(InternetAddressList list) =>
        list.Mailboxes.Select(Format).ToList();

    /// <summary>"Name &lt;a@b&gt;" with the name quoted only when it has to be, or the bare address.</summary>
    public static string Format(MailboxAddress mailbox) => Format(mailbox.Name, mailbox.Address);

    public static string Format(string? displayName, string address)
    {
        if (string.IsNullOrWhiteSpace(displayName)) return address;
        var name = displayName.Trim();
        return (NeedsQuotes(name) ? Quote(name) : name) + " <" + address + ">";
    }

    /// <summary><c>"re verser"</c> → <c>re verser</c>, <c>"a\"b"</c> → <c>a"b</c>; an unquoted local part is returned as it is.</summary>
    public static string Unquote(string localPart)
    {
        if (localPart.Length < 2 || localPart[0] != '"' || localPart[^1] != '"') return localPart;
        var inner = new StringBuilder(localPart.Length);
        for (var i = 1; i < localPart.Length - 1; i++)
        {
            if (localPart[i] == '\\' && i + 1 < localPart.Length - 1) i++;
            inner.Append(localPart[i]);
        }
        return inner.ToString();
    }

    private static List<Mailbox> Flatten(InternetAddressList list)
    {
        var result = new List<Mailbox>();
        foreach (var mailbox in list.Mailboxes)
        {
            var local = Unquote(mailbox.LocalPart ?? "");
            var domain = (mailbox.Domain ?? "").Trim().TrimEnd('.').ToLowerInvariant();
            if (local.Length > 0 && domain.Length > 0) result.Add(new Mailbox(local, domain));
        }
        return result;
    }

    private static bool NeedsQuotes(string name) =>
        name.Any(c => c < 0x20 || c == 0x7f || "()<>[]:;@\\,.\"".Contains(c));

    private static string Quote(string name) =>
        "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static ParserOptions CreateParserOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.AddressParserComplianceMode = RfcComplianceMode.Looser;
        return options;
    }
}
