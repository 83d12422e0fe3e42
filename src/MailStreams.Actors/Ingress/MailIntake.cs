using MailStreams.Diagnostics;
using MailStreams.Mail;
using MailStreams.Store;
using MailStreams.Tools;

namespace MailStreams.Ingress;

/// <summary>
/// Where every ingress hands over a parsed email: routes it to our inboxes (design.md §Routing) and appends it once
/// to each; recipients that route nowhere are recorded in <c>events/unrouted</c>. By default only inboxes that have
/// a tool receive mail; with <c>RouteUnknownInboxes=all</c> every local part on our domains does.
/// </summary>
internal sealed class MailIntake(IStreamStore store, InboxWriter writer, InboxRouter router, ActiveTools tools, bool onlyToolInboxes)
{
    public async Task<IntakeResult> AcceptAsync(Email email, CancellationToken ct = default)
    {
        using var trace = MailTrace.Start("mail.intake");
        trace.SetTag("email.id", email.Id);
        var route = router.Route(email);
        var accepted = new List<InboxAppend>();
        var unrouted = new List<string>();
        foreach (var inbox in route.Inboxes)
        {
            if (onlyToolInboxes && !tools.Current.HasTool(inbox))
            {
                unrouted.Add($"inbox '{inbox}' has no tool");
                continue;
            }
            accepted.Add(new InboxAppend(inbox, await writer.AppendOnceAsync(inbox, email, ct)));
        }
        if (accepted.Count == 0 && unrouted.Count == 0) unrouted.Add("no recipient on our domains");
        if (unrouted.Count > 0) await RecordUnroutedAsync(email, unrouted, ct);
        return new IntakeResult(email.Id, accepted, unrouted);
    }

    private Task RecordUnroutedAsync(Email email, IReadOnlyList<string> unrouted, CancellationToken ct)
    {
        var reason = string.Join(", ", unrouted);
        var record = AppendRecord.Json("mail.unrouted", MailJson.Serialize(email), ("email-id", email.Id), ("reason", reason));
        return store.AppendAsync(StreamNames.Unrouted, [MailTrace.Stamp(record)], ct: ct);
    }
}

/// <summary>An email appended to an inbox at <paramref name="Seq"/>.</summary>
public sealed record InboxAppend(string Inbox, long Seq);

/// <summary>Where an accepted email went.</summary>
public sealed record IntakeResult(string EmailId, IReadOnlyList<InboxAppend> Inboxes, IReadOnlyList<string> Unrouted);
