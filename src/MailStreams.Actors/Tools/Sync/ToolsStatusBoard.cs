namespace MailStreams.Tools.Sync;

/// <summary>
/// The latest <see cref="ToolsStatus"/>, published by the start-up and then only by the tool sync actor (single
/// writer), read by the HTTP status endpoint without asking the actor.
/// </summary>
internal sealed class ToolsStatusBoard(ToolsStatus initial)
{
    private volatile ToolsStatus _current = initial;

    public ToolsStatus Current => _current;

    public void Publish(ToolsStatus status) => _current = status;
}
