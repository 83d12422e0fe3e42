using System.Runtime.CompilerServices;

namespace MailStreams.Store.Embedded;

/// <summary>
/// The live half of the embedded store: following a stream's tail and watching for new streams. Both register
/// for wake-ups before they look at the data, so nothing committed in between is missed. Cancelling the token
/// ends them with <see cref="OperationCanceledException"/>; disposing the store with <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed partial class SqliteStreamStore
{
    /// <remarks>
    /// Waits for a stream that does not exist yet. If the stream is deleted while followed, the follower keeps its
    /// position and waits until a re-created stream reaches it.
    /// </remarks>
    public async IAsyncEnumerable<StreamRecord> FollowAsync(string stream, long fromSeqNum,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        StoreInputRules.CheckStreamName(stream);
        StoreInputRules.CheckReadStart(fromSeqNum);
        ThrowIfDisposed();
        using var lease = _signals.Subscribe(stream);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, _closingToken);
        var next = fromSeqNum;
        while (true)
        {
            var changed = lease.Signal.Next;
            ct.ThrowIfCancellationRequested();
            ThrowIfDisposed();
            var batch = _reader.Read(stream, next, ReadLimits.None);
            if (batch is { Records.Count: > 0 })
            {
                foreach (var record in batch.Records) yield return record;
                next = batch.Records[^1].SeqNum + 1;
                continue;
            }
            await WaitAsync(changed, stop.Token, ct);
        }
    }

    /// <remarks>Each name is yielded at most once per watch, even if the stream is deleted and created again.</remarks>
    public async IAsyncEnumerable<string> WatchStreamsAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        StoreInputRules.CheckPrefix(prefix, "prefix");
        ThrowIfDisposed();
        using var subscription = _creations.Subscribe(prefix);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, _closingToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            ThrowIfDisposed();
            var page = _reader.List(prefix, after, StoreInputRules.MaxListLimit);
            foreach (var info in page)
                if (seen.Add(info.Name)) yield return info.Name;
            if (page.Count < StoreInputRules.MaxListLimit) break;
            after = page[^1].Name;
        }
        while (true)
        {
            var name = await ReadNameAsync(subscription, stop.Token, ct);
            if (seen.Add(name)) yield return name;
        }
    }

    private async Task WaitAsync(Task changed, CancellationToken stop, CancellationToken caller)
    {
        try
        {
            await changed.WaitAsync(stop);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(SqliteStreamStore));
        }
    }

    private static async Task<string> ReadNameAsync(StreamCreationFeed.Subscription subscription, CancellationToken stop,
        CancellationToken caller)
    {
        try
        {
            return await subscription.Names.Reader.ReadAsync(stop);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(SqliteStreamStore));
        }
    }
}
