using MailStreams.Testing.FakeResend;

namespace MailStreams.Testing.Crash;

/// <summary>
/// Counts the replies of a crash run: per Idempotency-Key (two accepted sends with one key), per content (two replies
/// to one email, whatever their keys), lost (an accepted email without a reply) and unexpected (a reply to no email
/// of the run, a wrong text, a webhook refused for a reason other than the daemon being down).
/// </summary>
internal static class CrashVerdict
{
    public static CrashRunReport Judge(CrashRunOptions options, WebhookDriver driver, FakeResendServer resend,
        IReadOnlyDictionary<string, int> phases, TimeSpan duration)
    {
        var sent = resend.Sent;
        var byKey = sent.Where(s => s.IdempotencyKey is not null).GroupBy(s => s.IdempotencyKey!)
            .Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        var replies = sent.Select(s => (Send: s, Answers: InReplyTo(s))).ToList();
        var byContent = replies.GroupBy(r => r.Answers).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} ×{g.Count()} (keys {string.Join(", ", g.Select(r => r.Send.IdempotencyKey))})").ToList();

        var answered = replies.Select(r => r.Answers).ToHashSet(StringComparer.Ordinal);
        var lost = driver.Accepted.Order().Where(i => !answered.Contains(CrashMails.MessageId(i))).Select(CrashMails.EmailId).ToList();
        var known = Enumerable.Range(0, options.Emails).ToDictionary(CrashMails.MessageId, i => i, StringComparer.Ordinal);
        var unexpected = driver.Unexpected.ToList();
        foreach (var (send, answers) in replies)
        {
            if (!known.TryGetValue(answers, out var i)) unexpected.Add($"a reply to {answers}, which is no email of this run");
            else if (send.Body.GetProperty("text").GetString() is not { } text || !text.Contains(CrashMails.ExpectedReplyText(i)))
                unexpected.Add($"the reply to {answers} does not hold its reversed text");
        }

        return new CrashRunReport(options.Emails, driver.Accepted.Count, options.Kills, phases, driver.Attempts, sent.Count,
            resend.Requests.Count(r => r.Path == "/emails"), byKey, byContent, lost, unexpected, duration);
    }

    private static string InReplyTo(FakeResendSend send) =>
        send.Body.TryGetProperty("headers", out var headers) && headers.TryGetProperty("In-Reply-To", out var value)
            ? value.GetString() ?? "(null)"
            : "(no In-Reply-To)";
}
