namespace MailStreams.Mail;

/// <summary>
/// Decides which inboxes an email belongs to (design.md §Routing): every recipient in to, cc, bcc and received_for on one
/// of our domains, local part unquoted, lower-cased, <c>+tag</c> removed. Pure and stateless; never throws on bad
/// addresses, it skips them, and skips names that would make bad stream names.
/// </summary>
internal sealed class InboxRouter(InboxRouterOptions options)
{
    /// <summary>Longest inbox name accepted (a local part is at most 64 octets by RFC 5321 anyway).</summary>
    public const int MaxInboxNameLength = 64;

    public InboxRoute Route(Email email)
    {
        var inboxes = new List<string>();
        var foreign = new List<string>();
        foreach (var recipient in email.To.Concat(email.Cc).Concat(email.Bcc).Concat(email.ReceivedFor))
        {
            foreach (var mailbox in MailAddresses.Parse(recipient))
            {
                if (IsOurDomain(mailbox.Domain, options.Domains))
                {
                    if (InboxName(mailbox.LocalPart) is { } inbox && !inboxes.Contains(inbox, StringComparer.Ordinal)) inboxes.Add(inbox);
                }
                else if (!foreign.Contains(mailbox.Address, StringComparer.OrdinalIgnoreCase))
                {
                    foreign.Add(mailbox.Address);
                }
            }
        }
        return new InboxRoute(inboxes, foreign);
    }

    /// <summary>The inbox name of one address string ("Name &lt;Reverser+x@example.com&gt;" → <c>reverser</c>), or null if it is not ours or not usable.</summary>
    public static string? InboxNameOf(string address, IReadOnlyCollection<string> domains) =>
        MailAddresses.First(address) is { } mailbox && IsOurDomain(mailbox.Domain, domains) ? InboxName(mailbox.LocalPart) : null;

    /// <summary>True when <paramref name="domain"/> is one of <paramref name="domains"/>, ignoring case and a trailing dot.</summary>
    public static bool IsOurDomain(string domain, IEnumerable<string> domains)
    {
        var normalized = domain.Trim().TrimEnd('.');
        return domains.Any(d => string.Equals(d.Trim().TrimEnd('.'), normalized, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Unquoted local part → inbox name: lower-cased, <c>+tag</c> removed; null if empty, too long, or with '/' or control characters.</summary>
    private static string? InboxName(string localPart)
    {
        var plus = localPart.IndexOf('+');
        var name = (plus >= 0 ? localPart[..plus] : localPart).ToLowerInvariant();
        var usable = name.Length is > 0 and <= MaxInboxNameLength
            && !name.Contains('/')
            && !name.Any(char.IsControl)
            && !string.IsNullOrWhiteSpace(name);
        return usable ? name : null;
    }
}
