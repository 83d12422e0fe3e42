using MailStreams.Mail;
using MailStreams.Store;

namespace MailStreams.Pipeline;

/// <summary>
/// The <see cref="ReplyBudget"/> shared by all inbox pipelines, rebuilt before its first use from the replies in
/// <c>outbox</c> written within the window (by record timestamp), so the budget survives restarts.
/// </summary>
internal sealed class OutboxReplyBudget(IStreamStore store, ReplyBudget budget, TimeSpan window, TimeProvider clock)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    /// <summary>Null when the reply with this key fits the budget (and is counted), otherwise why not.</summary>
    public async Task<string?> TryTakeAsync(string key, OutboundEmail reply, CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        return budget.TryTake(ReplyBudgetEntry.Of(key, clock.GetUtcNow(), reply));
    }

    private async Task EnsureLoadedAsync(CancellationToken ct)
    {
        if (_loaded) return;
        await _loading.WaitAsync(ct);
        try
        {
            if (_loaded) return;
            var since = (clock.GetUtcNow() - window).ToUnixTimeMilliseconds();
            await foreach (var record in store.ReadToTailAsync(StreamNames.Outbox, missingIsEmpty: true, ct: ct))
                if (record.Timestamp > since) Remember(record);
            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    private void Remember(StreamRecord record)
    {
        if (record.Header("idempotency-key") is not { } key) return;
        try
        {
            var reply = MailJson.Deserialize<OutboundEmail>(record.Body);
            budget.Remember(ReplyBudgetEntry.Of(key, DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp), reply));
        }
        catch (System.Text.Json.JsonException) { }
    }
}
