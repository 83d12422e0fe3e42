using MailStreams.Actors.Tests.Store;
using MailStreams.Store;

namespace MailStreams.Host.Tests.Http.S2;

/// <summary>
/// The store contract on the S2 client backend talking to the daemon's S2-compatible endpoint over an embedded store
/// on loopback: the same cases and expectations as the embedded store itself.
/// </summary>
public sealed class S2StreamStoreOverEndpointTests(S2EndpointServer server) : StreamStoreContract, IClassFixture<S2EndpointServer>
{
    protected override Task<IStreamStore> CreateStoreAsync() => Task.FromResult<IStreamStore>(server.Client());
}
