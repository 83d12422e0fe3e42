using MailStreams.Store;
using MailStreams.Store.Embedded;
using MailStreams.Store.S2;

namespace MailStreams.Hosting;

/// <summary>Makes the configured <see cref="IStreamStore"/>: the embedded SQLite file in the data directory, or S2.</summary>
public static class StreamStoreFactory
{
    public static IStreamStore Create(MailStreamsOptions options) => options.Store.ResolveBackend() switch
    {
        StoreSettings.S2Backend => new S2StreamStore(options.Store.S2, S2Settings.BasinFor(options.Store.S2.Basin, options.PrimaryDomain)),
        _ => new SqliteStreamStore(options.FullPath("streams.db")),
    };
}
