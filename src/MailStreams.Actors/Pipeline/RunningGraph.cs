using Akka.Streams;

namespace MailStreams.Pipeline;

/// <summary>
/// The graph an actor runs over a stream it follows: the switch that stops its intake and the task that ends when
/// the records already in flight are done. Draining stops the intake and waits for that task.
/// </summary>
internal sealed class RunningGraph
{
    private UniqueKillSwitch? _intake;
    private Task _finished = Task.CompletedTask;

    /// <summary>True once a drain was asked for: the graph ending is then expected, not a failure.</summary>
    public bool IsDraining { get; private set; }

    public void Started(UniqueKillSwitch intake, Task finished)
    {
        _intake = intake;
        _finished = finished;
    }

    public Task<PipelineProtocol.Drained> DrainAsync()
    {
        IsDraining = true;
        _intake?.Shutdown();
        return _finished.ContinueWith(_ => PipelineProtocol.Drained.Instance);
    }
}
