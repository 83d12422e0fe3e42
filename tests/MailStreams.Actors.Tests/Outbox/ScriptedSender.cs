using System.Collections.Concurrent;
using MailStreams.Mail;
using MailStreams.Sending;

namespace MailStreams.Actors.Tests.Outbox;

/// <summary>An in-memory sender for unit tests of the outbox: answers from a script, then "sent"; records every call.</summary>
internal sealed class ScriptedSender(params SendResult[] script) : IMailSender
{
    private readonly ConcurrentQueue<SendResult> _script = new(script);

    public ConcurrentQueue<(OutboundEmail Email, string Key, DateTimeOffset At)> Calls { get; } = new();

    public Task<SendResult> SendAsync(OutboundEmail email, string idempotencyKey, CancellationToken ct = default)
    {
        Calls.Enqueue((email, idempotencyKey, DateTimeOffset.UtcNow));
        return Task.FromResult(_script.TryDequeue(out var next) ? next : new SendResult.Sent("id-" + Calls.Count));
    }
}
