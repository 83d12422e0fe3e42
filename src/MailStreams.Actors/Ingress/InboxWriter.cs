using MailStreams.Diagnostics;
using MailStreams.Mail;
using MailStreams.Store;

namespace MailStreams.Ingress;

/// <summary>
/// Appends an email to an inbox stream at most once per idempotency key, whichever ingress it came from and however
/// often it is delivered (one after the other or at the same time). The key is claimed under a per-key lock, checked
/// in the durable <see cref="DedupeIndex"/>, and, for the window between an append and its index entry (a crash), in
/// the most recent records of the stream itself. An email whose JSON is larger than the blob threshold goes to the
/// <see cref="BlobStore"/> first and the record holds its reference (header <c>content-blob</c>, empty body).
/// </summary>
internal sealed class InboxWriter(IStreamStore store, DedupeIndex index, BlobStore? blobs = null, int blobThresholdBytes = InboxWriter.DefaultBlobThreshold)
{
    public const string RecordType = "mail.received";
    public const string ContentBlobHeader = "content-blob";
    public const int DefaultBlobThreshold = 256 * 1024;
    private const int RecentRecordsChecked = 64;
    private readonly KeyedLock _locks = new();

    /// <summary>Appends the email to <c>inbox/&lt;inbox&gt;</c> unless this key is already there; returns its seq_num.</summary>
    public async Task<long> AppendOnceAsync(string inbox, Email email, CancellationToken ct = default)
    {
        var stream = StreamNames.Inbox(inbox);
        var key = $"{stream}|{email.Id}";
        using var _ = await _locks.AcquireAsync(key, ct);
        if (index.Find(key) is { } known) return long.Parse(known);

        var existing = await FindRecentAsync(stream, email.Id, ct);
        var seq = existing ?? (await store.AppendAsync(stream, [MailTrace.Stamp(await ToStoredRecordAsync(email, ct))], ct: ct)).Start.SeqNum;
        if (existing is null) MailMetrics.Received.Add(1, MailMetrics.Inbox(inbox));
        index.Add(key, seq.ToString());
        return seq;
    }

    public static AppendRecord ToRecord(Email email) =>
        AppendRecord.Json(RecordType, MailJson.Serialize(email), ("email-id", email.Id), ("source", email.Source));

    private async Task<AppendRecord> ToStoredRecordAsync(Email email, CancellationToken ct)
    {
        var record = ToRecord(email);
        if (blobs is null || record.Body.Length <= blobThresholdBytes) return record;
        var reference = await blobs.PutAsync(record.Body, ct);
        return new AppendRecord([.. record.Headers, RecordHeader.Of(ContentBlobHeader, reference)], []);
    }

    private async Task<long?> FindRecentAsync(string stream, string emailId, CancellationToken ct)
    {
        StreamPosition tail;
        try { tail = await store.CheckTailAsync(stream, ct); }
        catch (StreamStoreException e) when (e.Code == "stream_not_found") { return null; }
        var from = Math.Max(0, tail.SeqNum - RecentRecordsChecked);
        var batch = await store.ReadAsync(stream, from, new ReadLimits(RecentRecordsChecked), ct);
        return batch.Records.LastOrDefault(r => r.Header("email-id") == emailId)?.SeqNum;
    }
}
