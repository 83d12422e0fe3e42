using Microsoft.Extensions.Logging;

namespace MailStreams.Actors.Tests.Tools;

/// <summary>An ILogger that keeps what was logged (level, message, active scopes) for assertions.</summary>
internal sealed class CollectingLogger<T> : ILogger<T>
{
    private readonly AsyncLocal<Scope?> _scope = new();
    private readonly List<(LogLevel Level, string Message, string Scopes)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message, string Scopes)> Entries
    {
        get { lock (_entries) return _entries.ToList(); }
    }

    public IDisposable BeginScope<TState>(TState state) where TState : notnull
    {
        var scope = new Scope(this, state, _scope.Value);
        _scope.Value = scope;
        return scope;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var scopes = new List<string>();
        for (var s = _scope.Value; s is not null; s = s.Parent) scopes.Add(Describe(s.State));
        lock (_entries) _entries.Add((logLevel, formatter(state, exception), string.Join(" | ", scopes)));
    }

    private static string Describe(object state) => state is IEnumerable<KeyValuePair<string, object>> pairs
        ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
        : state.ToString() ?? "";

    private sealed class Scope(CollectingLogger<T> owner, object state, Scope? parent) : IDisposable
    {
        public object State { get; } = state;
        public Scope? Parent { get; } = parent;
        public void Dispose() => owner._scope.Value = Parent;
    }
}
