using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using MailStreams.Pipeline;
using MailStreams.Store;

namespace MailStreams.Ingress;

/// <summary>
/// Consumes <c>ingress/resend</c> (persistence id <c>resend-fetch</c>; lifecycle as <see cref="StreamConsumerActor"/>)
/// and turns each accepted <c>email.received</c> event into inbox records through <see cref="ResendContentFetcher"/>.
/// Up to four fetches run at once; offsets are still committed in stream order.
/// </summary>
internal sealed class ResendFetchActor(IStreamStore store, ResendContentFetcher fetcher) : StreamConsumerActor(store)
{
    public const string Name = "resend-fetch";
    private const int Parallelism = 4;

    public override string PersistenceId => Name;

    protected override string StreamName => StreamNames.ResendIngress;

    public static Props Props(IStreamStore store, ResendContentFetcher fetcher) =>
        Akka.Actor.Props.Create(() => new ResendFetchActor(store, fetcher));

    protected override Flow<StreamRecord, long, NotUsed> Processing() =>
        Flow.Create<StreamRecord>().SelectAsync(Parallelism, record => fetcher.HandleAsync(record, Stopping));
}
