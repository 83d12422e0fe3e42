using System.Text.RegularExpressions;

namespace MailStreams.Mail;

/// <summary>
/// Decides whether an email may get an automatic reply (RFC 3834 and common practice): never to auto-submitted mail,
/// bounces and delivery reports, mailing lists and bulk mail, daemons and no-reply senders, or ourselves.
/// Pure and stateless; the first rule that matches gives the reason.
/// </summary>
internal sealed partial class LoopGuard(LoopGuardOptions options)
{
    private static readonly string[] BulkPrecedences = ["bulk", "list", "junk", "auto_reply"];
    private static readonly string[] SuppressedResponses = ["all", "autoreply", "oof"];

    public LoopVerdict Check(Email email) =>
        AutoSubmitted(email) ?? AutoResponseSuppressed(email) ?? Precedence(email) ?? MailingList(email)
        ?? NullSender(email) ?? DaemonSender(email) ?? DeliveryReport(email) ?? OwnSender(email)
        ?? ReferencesOwnReply(email) ?? LoopVerdict.Allowed;

    private static LoopVerdict.NoReply? AutoSubmitted(Email email)
    {
        var value = email.Header("auto-submitted");
        if (value is null) return null;
        var keyword = value.Split(';', 2)[0].Trim().ToLowerInvariant();
        return keyword == "no" ? null : No("auto-submitted", keyword.Length == 0 ? "(empty)" : keyword);
    }

    private static LoopVerdict.NoReply? AutoResponseSuppressed(Email email)
    {
        var value = email.Header("x-auto-response-suppress");
        if (value is null) return null;
        var tokens = value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant());
        var suppressed = tokens.FirstOrDefault(t => SuppressedResponses.Contains(t));
        return suppressed is null ? null : No("auto-response-suppress", suppressed);
    }

    private static LoopVerdict.NoReply? Precedence(Email email)
    {
        var value = email.Header("precedence")?.Trim().ToLowerInvariant();
        return value is not null && BulkPrecedences.Contains(value) ? No("precedence", value) : null;
    }

    private static LoopVerdict.NoReply? MailingList(Email email)
    {
        var listHeader = email.Headers.Keys.FirstOrDefault(k => k.StartsWith("list-", StringComparison.OrdinalIgnoreCase));
        return listHeader is null ? null : No("mailing-list", listHeader.ToLowerInvariant());
    }

    private static LoopVerdict.NoReply? NullSender(Email email)
    {
        var returnPath = email.Header("return-path");
        if (returnPath is not null && EmptyPath().IsMatch(returnPath)) return No("null-sender", "return-path <>");
        return MailAddresses.First(email.From) is null ? No("null-sender", "no usable from address") : null;
    }

    private static LoopVerdict.NoReply? DaemonSender(Email email)
    {
        foreach (var sender in Senders(email))
        {
            var local = sender.LocalPart.ToLowerInvariant();
            if (local is "mailer-daemon" or "postmaster" || NoReplyLocalPart().IsMatch(local))
                return No("daemon-sender", sender.Address.ToLowerInvariant());
        }
        return null;
    }

    private static LoopVerdict.NoReply? DeliveryReport(Email email)
    {
        var contentType = email.Header("content-type");
        return contentType is not null && contentType.TrimStart().StartsWith("multipart/report", StringComparison.OrdinalIgnoreCase)
            ? No("delivery-report", "multipart/report")
            : null;
    }

    private LoopVerdict.NoReply? OwnSender(Email email)
    {
        foreach (var sender in Senders(email))
        {
            if (InboxRouter.IsOurDomain(sender.Domain, options.Domains)) return No("own-address", "sender on our domain " + sender.Domain);
            if (options.OwnAddresses.Any(own => MailAddresses.First(own) is { } o && string.Equals(o.Address, sender.Address, StringComparison.OrdinalIgnoreCase)))
                return No("own-address", sender.Address.ToLowerInvariant());
        }
        return null;
    }

    /// <summary>
    /// A message answering one of ours: its In-Reply-To or References hold an id minted on one of our Message-ID
    /// domains (<see cref="LoopGuardOptions.OwnMessageIdDomains"/>). An auto-responder answers a thread once.
    /// </summary>
    private LoopVerdict.NoReply? ReferencesOwnReply(Email email)
    {
        var chain = MessageIds.ParseList(email.InReplyTo).Concat(email.References.SelectMany(MessageIds.ParseList))
            .Concat(MessageIds.ParseList(email.Header("in-reply-to"))).Concat(MessageIds.ParseList(email.Header("references")));
        foreach (var id in chain)
        {
            var at = id.LastIndexOf('@');
            var domain = at < 0 ? "" : id[(at + 1)..^1].ToLowerInvariant();
            if (options.OwnMessageIdDomains.Any(own => string.Equals(own, domain, StringComparison.OrdinalIgnoreCase)))
                return No("references-own-reply", id);
        }
        return null;
    }

    /// <summary>The author (From), the Sender header and the envelope sender (Return-Path), when present.</summary>
    private static IEnumerable<MailAddresses.Mailbox> Senders(Email email) =>
        MailAddresses.Parse(email.From)
            .Concat(MailAddresses.Parse(email.Header("sender")))
            .Concat(MailAddresses.Parse(email.Header("return-path")));

    private static LoopVerdict.NoReply No(string code, string detail) => new($"{code}: {detail}");

    [GeneratedRegex(@"^\s*<\s*>\s*$")]
    private static partial Regex EmptyPath();

    [GeneratedRegex(@"^(no-?reply|no_reply|do-?not-?reply|do_not_reply)([-+._].*)?$")]
    private static partial Regex NoReplyLocalPart();
}
