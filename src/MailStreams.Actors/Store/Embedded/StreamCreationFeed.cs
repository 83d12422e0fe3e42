using System.Threading.Channels;

namespace MailStreams.Store.Embedded;

/// <summary>
/// Tells watchers about streams as they come into existence. Each watcher subscribes with a prefix and gets an
/// unbounded channel of the new names that start with it; the writer publishes after each commit. A watcher
/// subscribes before it lists the existing streams, so no creation falls between the two.
/// </summary>
internal sealed class StreamCreationFeed
{
    private readonly List<Subscription> _subscriptions = [];
    private readonly Lock _gate = new();

    public Subscription Subscribe(string prefix)
    {
        var subscription = new Subscription(this, prefix);
        lock (_gate) _subscriptions.Add(subscription);
        return subscription;
    }

    public void Publish(IReadOnlyList<string> createdStreams)
    {
        if (createdStreams.Count == 0) return;
        Subscription[] subscriptions;
        lock (_gate) subscriptions = [.. _subscriptions];
        foreach (var subscription in subscriptions)
            foreach (var stream in createdStreams)
                if (stream.StartsWith(subscription.Prefix, StringComparison.Ordinal))
                    subscription.Names.Writer.TryWrite(stream);
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate) _subscriptions.Remove(subscription);
    }

    /// <summary>One watcher's feed of new names; dispose it when the watcher stops.</summary>
    public sealed class Subscription(StreamCreationFeed owner, string prefix) : IDisposable
    {
        public string Prefix { get; } = prefix;

        public Channel<string> Names { get; } =
            Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

        public void Dispose()
        {
            owner.Remove(this);
            Names.Writer.TryComplete();
        }
    }
}
