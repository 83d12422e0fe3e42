namespace MailStreams.Store;

/// <summary>A header of a record: name and value are bytes, as in S2. Order is kept and names may repeat.</summary>
public readonly record struct RecordHeader(byte[] Name, byte[] Value)
{
    public static RecordHeader Of(string name, string value) =>
        new(System.Text.Encoding.UTF8.GetBytes(name), System.Text.Encoding.UTF8.GetBytes(value));

    public string NameText => System.Text.Encoding.UTF8.GetString(Name);
    public string ValueText => System.Text.Encoding.UTF8.GetString(Value);
}

/// <summary>A position in a stream: the sequence number and the timestamp (ms since the Unix epoch) that go with it.</summary>
public readonly record struct StreamPosition(long SeqNum, long Timestamp);

/// <summary>A record read back from a stream.</summary>
public sealed record StreamRecord(long SeqNum, long Timestamp, IReadOnlyList<RecordHeader> Headers, byte[] Body)
{
    /// <summary>The value of the first header with this name (ASCII case-insensitive), or null.</summary>
    public string? Header(string name)
    {
        foreach (var h in Headers)
            if (string.Equals(h.NameText, name, StringComparison.OrdinalIgnoreCase)) return h.ValueText;
        return null;
    }

    /// <summary>S2's metered size: 8 + 2 per header + header bytes + body bytes.</summary>
    public long MeteredBytes => AppendRecord.Meter(Headers, Body);
}

/// <summary>A record to append. The store assigns its sequence number; the timestamp is arrival time unless given.</summary>
public sealed record AppendRecord(IReadOnlyList<RecordHeader> Headers, byte[] Body, long? Timestamp = null)
{
    public const int MaxMeteredBytes = 1024 * 1024;

    public long MeteredBytes => Meter(Headers, Body);

    public static long Meter(IReadOnlyList<RecordHeader> headers, byte[] body)
    {
        long size = 8 + 2L * headers.Count + body.Length;
        foreach (var h in headers) size += h.Name.Length + h.Value.Length;
        return size;
    }

    public static AppendRecord Json(string type, byte[] body, params (string Name, string Value)[] headers)
    {
        var all = new List<RecordHeader> { RecordHeader.Of("type", type), RecordHeader.Of("content-type", "application/json") };
        foreach (var (n, v) in headers) all.Add(RecordHeader.Of(n, v));
        return new AppendRecord(all, body);
    }
}

/// <summary>What an append assigned: start (first record), end (last + 1) and the stream's tail after it.</summary>
public sealed record AppendAck(StreamPosition Start, StreamPosition End, StreamPosition Tail);

/// <summary>Limits on one read. Null means no limit of that kind (the store still caps unary reads at 1000 records / 1 MiB).</summary>
public sealed record ReadLimits(int? Count = null, long? Bytes = null)
{
    public static readonly ReadLimits None = new();
}

/// <summary>A batch of records and the tail at the time of the read.</summary>
public sealed record ReadBatch(IReadOnlyList<StreamRecord> Records, StreamPosition Tail);

/// <summary>A stream as listed.</summary>
public sealed record StreamInfo(string Name, DateTimeOffset CreatedAt);
