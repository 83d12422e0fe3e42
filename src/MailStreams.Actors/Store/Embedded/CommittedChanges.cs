namespace MailStreams.Store.Embedded;

/// <summary>
/// What one committed write group changed: the streams that got records (or were created or deleted), for
/// waking their followers, and the streams that came into existence, for the watchers. Filled by the writer.
/// </summary>
internal sealed class CommittedChanges
{
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly List<string> _created = [];

    public IReadOnlyCollection<string> ChangedStreams => _changed;
    public IReadOnlyList<string> CreatedStreams => _created;

    public void Changed(string stream) => _changed.Add(stream);

    public void Created(string stream)
    {
        _changed.Add(stream);
        _created.Add(stream);
    }
}
