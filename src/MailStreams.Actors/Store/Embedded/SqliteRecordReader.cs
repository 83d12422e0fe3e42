using Microsoft.Data.Sqlite;

namespace MailStreams.Store.Embedded;

/// <summary>
/// Reads records, tails and stream lists, each on a pooled connection of its own inside one read transaction
/// (a consistent WAL snapshot), so reads run beside the writer. Stateless apart from the database.
/// </summary>
internal sealed class SqliteRecordReader(SqliteDatabase database)
{
    public const int MaxReadRecords = 1000;
    public const long MaxReadBytes = 1024 * 1024;

    /// <summary>
    /// Records from <paramref name="fromSeqNum"/>, at most the limits and never more than 1000 / 1 MiB.
    /// Byte limit as in S2: a record is taken only while the metered total stays within the limit, so a first
    /// record larger than the limit gives an empty batch. Null when the stream does not exist.
    /// </summary>
    public ReadBatch? Read(string stream, long fromSeqNum, ReadLimits limits)
    {
        var maxCount = Math.Min(limits.Count ?? MaxReadRecords, MaxReadRecords);
        var maxBytes = Math.Min(limits.Bytes ?? MaxReadBytes, MaxReadBytes);
        using var connection = database.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        if (TailOf(connection, transaction, stream) is not { } tail) return null;
        var records = new List<StreamRecord>();
        if (maxCount == 0 || fromSeqNum >= tail.SeqNum) return new ReadBatch(records, tail);

        using var command = Command(connection, transaction, """
            SELECT seq_num, timestamp, headers, length(body), body FROM records
            WHERE stream = $stream AND seq_num >= $from ORDER BY seq_num LIMIT $count
            """);
        command.Parameters.AddWithValue("$stream", stream);
        command.Parameters.AddWithValue("$from", fromSeqNum);
        command.Parameters.AddWithValue("$count", maxCount);
        using var reader = command.ExecuteReader();
        long total = 0;
        while (reader.Read())
        {
            var headers = DecodeHeaders(reader, stream);
            var bodyLength = reader.GetInt64(3);
            var metered = AppendRecord.Meter(headers, []) + bodyLength;
            if (total + metered > maxBytes) break;
            total += metered;
            var body = bodyLength == 0 ? [] : reader.GetFieldValue<byte[]>(4);
            records.Add(new StreamRecord(reader.GetInt64(0), reader.GetInt64(1), headers, body));
        }
        return new ReadBatch(records, tail);
    }

    /// <summary>The next seq_num and the last record's timestamp (0 when empty); null when the stream does not exist.</summary>
    public StreamPosition? Tail(string stream)
    {
        using var connection = database.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        return TailOf(connection, transaction, stream);
    }

    /// <summary>Streams whose name starts with the prefix (exact, no wildcards), after startAfter, in UTF-8 byte order.</summary>
    public IReadOnlyList<StreamInfo> List(string prefix, string? startAfter, int limit)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        var sql = "SELECT name, created_at FROM streams WHERE name >= $prefix";
        command.Parameters.AddWithValue("$prefix", prefix);
        // Names with the prefix are exactly the range [prefix, upper): comparisons, not LIKE, so '%' and '_' are plain.
        if (PrefixUpperBound(prefix) is { } upper)
        {
            sql += " AND name < $upper";
            command.Parameters.AddWithValue("$upper", upper);
        }
        if (startAfter is not null)
        {
            sql += " AND name > $after";
            command.Parameters.AddWithValue("$after", startAfter);
        }
        command.CommandText = sql + " ORDER BY name LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var streams = new List<StreamInfo>();
        while (reader.Read())
            streams.Add(new StreamInfo(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
        return streams;
    }

    /// <summary>
    /// The smallest string above every string that starts with <paramref name="prefix"/>, in code point order
    /// (= SQLite's byte order on UTF-8): the last code point raised by one, after dropping trailing U+10FFFF.
    /// Null when there is none (empty prefix, or only U+10FFFF).
    /// </summary>
    internal static string? PrefixUpperBound(string prefix)
    {
        var end = prefix.Length;
        while (end > 0)
        {
            var isPair = end >= 2 && char.IsLowSurrogate(prefix[end - 1]) && char.IsHighSurrogate(prefix[end - 2]);
            var start = isPair ? end - 2 : end - 1;
            var codePoint = isPair ? char.ConvertToUtf32(prefix[start], prefix[start + 1]) : prefix[start];
            if (codePoint < 0x10FFFF)
            {
                var next = codePoint + 1 == 0xD800 ? 0xE000 : codePoint + 1;
                return prefix[..start] + char.ConvertFromUtf32(next);
            }
            end = start;
        }
        return null;
    }

    private static StreamPosition? TailOf(SqliteConnection connection, SqliteTransaction transaction, string stream)
    {
        using var exists = Command(connection, transaction, "SELECT 1 FROM streams WHERE name = $stream");
        exists.Parameters.AddWithValue("$stream", stream);
        if (exists.ExecuteScalar() is null) return null;
        using var last = Command(connection, transaction,
            "SELECT seq_num, timestamp FROM records WHERE stream = $stream ORDER BY seq_num DESC LIMIT 1");
        last.Parameters.AddWithValue("$stream", stream);
        using var reader = last.ExecuteReader();
        return reader.Read() ? new StreamPosition(reader.GetInt64(0) + 1, reader.GetInt64(1)) : new StreamPosition(0, 0);
    }

    private static IReadOnlyList<RecordHeader> DecodeHeaders(SqliteDataReader reader, string stream)
    {
        try
        {
            return HeaderCodec.Decode(reader.GetFieldValue<byte[]>(2));
        }
        catch (InvalidDataException corrupt)
        {
            throw new StreamStoreException("storage", $"stream '{stream}' record {reader.GetInt64(0)}: {corrupt.Message}");
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
