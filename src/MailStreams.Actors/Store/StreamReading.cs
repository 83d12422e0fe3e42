using System.Runtime.CompilerServices;

namespace MailStreams.Store;

/// <summary>Reading a stream from a position up to its current tail, batch after batch (one read is capped at 1000 records / 1 MiB).</summary>
public static class StreamReading
{
    /// <summary>
    /// Every record from <paramref name="from"/> to the tail as it is now. A missing stream throws
    /// <c>stream_not_found</c>, or yields nothing when <paramref name="missingIsEmpty"/> is set.
    /// </summary>
    public static async IAsyncEnumerable<StreamRecord> ReadToTailAsync(this IStreamStore store, string stream, long from = 0,
        bool missingIsEmpty = false, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var next = from; ;)
        {
            ReadBatch? batch;
            try { batch = await store.ReadAsync(stream, next, ReadLimits.None, ct); }
            catch (StreamStoreException e) when (missingIsEmpty && e.Code == "stream_not_found") { batch = null; }
            if (batch is null || batch.Records.Count == 0) yield break;
            foreach (var record in batch.Records) yield return record;
            next = batch.Records[^1].SeqNum + 1;
        }
    }
}
