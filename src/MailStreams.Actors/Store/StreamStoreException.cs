namespace MailStreams.Store;

/// <summary>A store error with S2's error code (<c>stream_not_found</c>, <c>resource_already_exists</c>, <c>invalid</c>, …).</summary>
public class StreamStoreException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static StreamStoreException NotFound(string stream) => new("stream_not_found", $"stream '{stream}' not found");
    public static StreamStoreException AlreadyExists(string stream) => new("resource_already_exists", $"stream '{stream}' already exists");
    public static StreamStoreException Invalid(string message) => new("invalid", message);
}

/// <summary>An append with match_seq_num found another tail (S2's 412 <c>seq_num_mismatch</c>).</summary>
public sealed class SeqNumMismatchException(string stream, long expected, long actualTail)
    : StreamStoreException("seq_num_mismatch", $"stream '{stream}': expected tail {expected}, tail is {actualTail}")
{
    public long ActualTail { get; } = actualTail;
}
