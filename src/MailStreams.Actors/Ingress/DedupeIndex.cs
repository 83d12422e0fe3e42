using Microsoft.Data.Sqlite;

namespace MailStreams.Ingress;

/// <summary>
/// A durable set of keys already accepted (svix ids, Resend email ids, inbox idempotency keys), in a SQLite file of
/// its own under the data directory. It survives restarts; a key is added only after what it guards is durable.
/// </summary>
internal sealed class DedupeIndex : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public DedupeIndex(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;" +
                "CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, value TEXT NOT NULL, added_at INTEGER NOT NULL) WITHOUT ROWID;");
    }

    /// <summary>The value stored with the key, or null if it was never added.</summary>
    public string? Find(string key)
    {
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT value FROM seen WHERE key = $k";
            cmd.Parameters.AddWithValue("$k", key);
            return cmd.ExecuteScalar() as string;
        }
    }

    public bool Contains(string key) => Find(key) is not null;

    /// <summary>Adds the key (keeping the first value if it was already there).</summary>
    public void Add(string key, string value = "")
    {
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "INSERT OR IGNORE INTO seen (key, value, added_at) VALUES ($k, $v, $t)";
            cmd.Parameters.AddWithValue("$k", key);
            cmd.Parameters.AddWithValue("$v", value);
            cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            cmd.ExecuteNonQuery();
        }
    }

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
