using System.Text;

namespace MailStreams.Store.Embedded;

/// <summary>
/// S2's input rules, checked before anything reaches the writer: stream names (1..512 UTF-8 bytes, no NUL,
/// not "." or ".."), append batches (1..1000 records, each and all together at most 1 MiB metered) and read
/// positions. Every violation is a <see cref="StreamStoreException"/> with code <c>invalid</c>.
/// </summary>
internal static class StoreInputRules
{
    public const int MaxNameBytes = 512;
    public const int MaxBatchRecords = 1000;
    public const int MaxBatchMeteredBytes = 1024 * 1024;
    public const int MaxListLimit = 1000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void CheckStreamName(string? stream)
    {
        if (string.IsNullOrEmpty(stream)) throw StreamStoreException.Invalid("stream name must not be empty");
        if (stream is "." or "..") throw StreamStoreException.Invalid($"stream name must not be '{stream}'");
        if (stream.Contains('\0')) throw StreamStoreException.Invalid("stream name must not contain NUL");
        var bytes = Utf8Length(stream, "stream name");
        if (bytes > MaxNameBytes)
            throw StreamStoreException.Invalid($"stream name is {bytes} UTF-8 bytes, the maximum is {MaxNameBytes}");
    }

    /// <summary>A prefix may be empty, but must be valid text no longer than a name.</summary>
    public static void CheckPrefix(string? prefix, string what)
    {
        if (prefix is null) throw StreamStoreException.Invalid($"{what} must not be null");
        if (prefix.Length == 0) return;
        if (Utf8Length(prefix, what) > MaxNameBytes)
            throw StreamStoreException.Invalid($"{what} is longer than {MaxNameBytes} UTF-8 bytes");
    }

    /// <summary>Checks the batch and returns its total metered size.</summary>
    public static long CheckAppendBatch(IReadOnlyList<AppendRecord>? records)
    {
        if (records is null || records.Count == 0)
            throw StreamStoreException.Invalid("an append needs at least one record");
        if (records.Count > MaxBatchRecords)
            throw StreamStoreException.Invalid($"an append holds at most {MaxBatchRecords} records, got {records.Count}");
        long total = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var size = CheckRecord(records[i], i);
            total += size;
        }
        if (total > MaxBatchMeteredBytes)
            throw StreamStoreException.Invalid($"the batch meters {total} bytes, the maximum is {MaxBatchMeteredBytes}");
        return total;
    }

    public static void CheckMatchSeqNum(long? matchSeqNum)
    {
        if (matchSeqNum < 0) throw StreamStoreException.Invalid($"match_seq_num must not be negative, got {matchSeqNum}");
    }

    public static void CheckReadStart(long fromSeqNum)
    {
        if (fromSeqNum < 0) throw StreamStoreException.Invalid($"seq_num must not be negative, got {fromSeqNum}");
    }

    public static void CheckReadLimits(ReadLimits limits)
    {
        if (limits.Count < 0) throw StreamStoreException.Invalid($"count must not be negative, got {limits.Count}");
        if (limits.Bytes < 0) throw StreamStoreException.Invalid($"bytes must not be negative, got {limits.Bytes}");
    }

    public static int CheckListLimit(int limit)
    {
        if (limit < 1) throw StreamStoreException.Invalid($"limit must be at least 1, got {limit}");
        return Math.Min(limit, MaxListLimit);
    }

    private static long CheckRecord(AppendRecord? record, int index)
    {
        if (record is null) throw StreamStoreException.Invalid($"record {index} is null");
        if (record.Body is null) throw StreamStoreException.Invalid($"record {index} has no body (use an empty array)");
        if (record.Headers is null) throw StreamStoreException.Invalid($"record {index} has no header list (use an empty list)");
        foreach (var header in record.Headers)
            if (header.Name is null || header.Value is null)
                throw StreamStoreException.Invalid($"record {index} has a header with a null name or value");
        if (record.Timestamp < 0)
            throw StreamStoreException.Invalid($"record {index} has a negative timestamp {record.Timestamp}");
        var size = record.MeteredBytes;
        if (size > AppendRecord.MaxMeteredBytes)
            throw StreamStoreException.Invalid(
                $"record {index} meters {size} bytes, the maximum is {AppendRecord.MaxMeteredBytes}");
        return size;
    }

    private static int Utf8Length(string text, string what)
    {
        try
        {
            return StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            throw StreamStoreException.Invalid($"{what} is not valid Unicode text (unpaired surrogate)");
        }
    }
}
