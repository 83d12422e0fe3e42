using MailStreams.Store;

namespace MailStreams.Testing;

/// <summary>Reading a whole stream in a test, where "no such stream yet" simply means "no records".</summary>
public static class StoreReads
{
    public static async Task<IReadOnlyList<StreamRecord>> ReadAllAsync(this IStreamStore store, string stream)
    {
        try { return (await store.ReadAsync(stream, 0)).Records; }
        catch (StreamStoreException e) when (e.Code == "stream_not_found") { return []; }
    }
}
