using Akka.Actor;
using Akka.Pattern;
using MailStreams.Hosting;
using Backoff = Akka.Pattern.Backoff;

namespace MailStreams.Pipeline;

/// <summary>
/// Wraps an actor in a backoff supervisor: when it fails it is started again after a growing, jittered delay
/// (reset after 30 s of good health), without limit, and without disturbing its siblings.
/// </summary>
internal static class RestartWithBackoff
{
    public static Props Props(Props child, string childName, PipelineSettings settings) =>
        BackoffSupervisor.Props(Backoff.OnFailure(child, childName,
                settings.RestartMinBackoff, settings.RestartMaxBackoff, randomFactor: 0.2, maxNrOfRetries: -1)
            .WithAutoReset(TimeSpan.FromSeconds(30)));
}
