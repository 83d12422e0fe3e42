using System.Text;
using MailStreams.Store;


namespace MailStreams.Actors.Tests.Store;

/// <summary>
/// The behaviour every <see cref="IStreamStore"/> backend must show (S2 semantics). A backend's test class
/// derives from this and says how to make a store; all names live under a prefix unique to the test, so a
/// backend that shares one server between tests still sees only its own streams. Stores made through
/// <see cref="StoreAsync"/> are disposed after the test.
/// </summary>
public abstract partial class StreamStoreContract : IAsyncLifetime
{
    /// <summary>How long a test waits for something that should happen at once (generous: the machine may be loaded).</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly List<IStreamStore> _stores = [];

    /// <summary>A prefix no other test uses, ending in '/'.</summary>
    protected string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..12] + "/";

    /// <summary>Makes a fresh store for one test (the same test may call it more than once).</summary>
    protected abstract Task<IStreamStore> CreateStoreAsync();

    protected async Task<IStreamStore> StoreAsync()
    {
        var store = await CreateStoreAsync();
        _stores.Add(store);
        return store;
    }

    protected string Name(string local) => Prefix + local;

    protected static AppendRecord Text(string body, params (string Name, string Value)[] headers) =>
        new([.. headers.Select(h => RecordHeader.Of(h.Name, h.Value))], Encoding.UTF8.GetBytes(body));

    protected static AppendRecord[] Texts(params string[] bodies) => [.. bodies.Select(b => Text(b))];

    protected static string BodyText(StreamRecord record) => Encoding.UTF8.GetString(record.Body);

    protected static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(Patience);

    protected static async Task<bool> NextWithin<T>(IAsyncEnumerator<T> enumerator) =>
        await enumerator.MoveNextAsync().AsTask().WaitAsync(Patience);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
            else if (store is IDisposable disposable) disposable.Dispose();
        }
    }
}
