using System.Text.RegularExpressions;

namespace MailStreams.Mail;

/// <summary>
/// Message-ID handling for threading (RFC 5322 §3.6.4): every id comes out with exactly one pair of angle brackets.
/// Pure functions; tolerant of missing or doubled brackets, comments and commas between ids.
/// </summary>
internal static partial class MessageIds
{
    /// <summary>One id with exactly one pair of brackets (<c>abc@x</c>, <c>&lt;abc@x&gt;</c>, <c>&lt;&lt;abc@x&gt;&gt;</c> → <c>&lt;abc@x&gt;</c>), or null.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var bracketed = Bracketed().Match(value);
        if (bracketed.Success) return Wrap(bracketed.Groups[1].Value);
        var token = value.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0].Trim('<', '>', ',');
        return token.Length == 0 ? null : Wrap(token);
    }

    /// <summary>All ids in a References / In-Reply-To value, each bracketed once, in order, without duplicates.</summary>
    public static IReadOnlyList<string> ParseList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        var ids = new List<string>();
        var matches = Bracketed().Matches(value);
        if (matches.Count > 0)
        {
            foreach (Match m in matches) AddDistinct(ids, Wrap(m.Groups[1].Value));
            return ids;
        }
        // No brackets at all: take the tokens that look like addr-specs, so comments are not mistaken for ids.
        foreach (var token in value.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries))
            if (token.Contains('@')) AddDistinct(ids, Wrap(token));
        return ids;
    }

    private static string Wrap(string core) => "<" + core.Trim() + ">";

    private static void AddDistinct(List<string> ids, string id)
    {
        if (id.Length > 2 && !ids.Contains(id, StringComparer.Ordinal)) ids.Add(id);
    }

    [GeneratedRegex(@"<\s*([^<>\s]+)\s*>")]
    private static partial Regex Bracketed();
}
