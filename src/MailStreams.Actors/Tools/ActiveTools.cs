namespace MailStreams.Tools;

/// <summary>
/// The tool package in force: every inbox pipeline reads <see cref="Current"/> before each email, so a new package
/// set with <see cref="Activate"/> applies from the next email on, while an email in flight finishes on its own.
/// After start only the tool sync actor activates versions (single writer). <see cref="Stats"/> counts the calls.
/// </summary>
internal sealed class ActiveTools(ToolPackage initial)
{
    private volatile ToolPackage _current = initial;

    public ToolPackage Current => _current;

    public ToolCallStats Stats { get; } = new();

    public void Activate(ToolPackage package) => _current = package;
}
