namespace MailStreams.Pipeline;

/// <summary>Messages every long-running stream actor (inbox pipelines, content fetch, outbox) understands.</summary>
public static class PipelineProtocol
{
    /// <summary>
    /// Stop taking new records, finish the ones in flight, commit, then answer <see cref="Drained"/>. Sent by the
    /// coordinated shutdown before the actor system stops, so a graceful stop loses no work in progress.
    /// </summary>
    public sealed record Drain
    {
        public static readonly Drain Instance = new();
    }

    public sealed record Drained
    {
        public static readonly Drained Instance = new();
    }
}
