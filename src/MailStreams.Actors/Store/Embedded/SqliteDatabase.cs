using Microsoft.Data.Sqlite;

namespace MailStreams.Store.Embedded;

/// <summary>
/// The SQLite file behind the embedded store: creates it and its schema, and opens connections. The writer
/// connection is unpooled and lives as long as the store, next to a lock file that keeps a second writer (another
/// store on the same file, in this process or another) out; readers come from Microsoft.Data.Sqlite's pool and
/// are released on <see cref="ReleasePooledConnections"/>.
/// </summary>
internal sealed class SqliteDatabase(string path)
{
    private const int SchemaVersion = 1;
    private const int BusyTimeoutMs = 10_000;

    private readonly string _writerConnectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30,
    }.ToString();

    private readonly string _readerConnectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = true, DefaultTimeout = 30,
    }.ToString();

    public string Path { get; } = path;

    /// <summary>Creates the folder that will hold the file.</summary>
    public void EnsureDirectory()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
    }

    /// <summary>
    /// Opens the single writer connection, switching the file to WAL and creating the tables if needed.
    /// synchronous=FULL: in WAL mode NORMAL only syncs at checkpoints, so a power cut could lose commits that
    /// were already acknowledged; FULL syncs the WAL on every commit. Group commit makes that one fsync per
    /// group of appends rather than per append, which is what keeps it fast.
    /// </summary>
    public SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(_writerConnectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout={BusyTimeoutMs};");
            var mode = Scalar(connection, "PRAGMA journal_mode=WAL;");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"SQLite refused WAL mode for '{Path}' (journal_mode is '{mode}')");
            Execute(connection, "PRAGMA synchronous=FULL;");
            CreateSchema(connection);
            return connection;
        }
        catch (SqliteException error)
        {
            connection.Dispose();
            throw new InvalidOperationException($"cannot open the stream store '{Path}': {error.Message}", error);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Takes the file's writer lock (<c>&lt;file&gt;.lock</c>), held until the returned stream is disposed.</summary>
    public FileStream AcquireWriterLock()
    {
        var lockPath = Path + ".lock";
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException busy)
        {
            throw new InvalidOperationException(
                $"the stream store '{Path}' is already open for writing by another store or process ({busy.Message})", busy);
        }
    }

    /// <summary>Opens (or takes from the pool) a connection for reading; WAL lets it read while the writer commits.</summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readerConnectionString);
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout={BusyTimeoutMs};");
        return connection;
    }

    /// <summary>Closes the pooled reader connections, so the file is no longer held open.</summary>
    public void ReleasePooledConnections()
    {
        using var connection = new SqliteConnection(_readerConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static void CreateSchema(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"));
        if (version > SchemaVersion)
            throw new InvalidOperationException($"the stream store file has schema version {version}, this build knows {SchemaVersion}");
        using var tx = connection.BeginTransaction();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS streams (
                name       TEXT    NOT NULL PRIMARY KEY,
                created_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS records (
                stream    TEXT    NOT NULL,
                seq_num   INTEGER NOT NULL,
                timestamp INTEGER NOT NULL,
                headers   BLOB    NOT NULL,
                body      BLOB    NOT NULL,
                PRIMARY KEY (stream, seq_num)
            );
            """, tx);
        Execute(connection, $"PRAGMA user_version={SchemaVersion};", tx);
        tx.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
