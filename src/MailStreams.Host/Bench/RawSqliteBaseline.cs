using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace MailStreams.Host.Bench;

/// <summary>
/// The benchmark's yardstick: a bare batched SQLite insert loop (one transaction per batch, a prepared statement,
/// WAL, synchronous=NORMAL as the embedded store uses) and a bare SELECT over the same rows. No stream semantics.
/// </summary>
internal static class RawSqliteBaseline
{
    public static (TimeSpan Append, TimeSpan Read) Run(string databasePath, int records, int batch, byte[] body)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE r (seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, body BLOB NOT NULL);");

        var clock = Stopwatch.StartNew();
        for (var done = 0; done < records; done += batch)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO r (seq, ts, body) VALUES ($seq, $ts, $body)";
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var ts = insert.Parameters.Add("$ts", SqliteType.Integer);
            var blob = insert.Parameters.Add("$body", SqliteType.Blob);
            for (var i = done; i < Math.Min(records, done + batch); i++)
            {
                seq.Value = i;
                ts.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                blob.Value = body;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        var append = clock.Elapsed;

        clock.Restart();
        long total = 0;
        for (var from = 0; from < records; from += 1000)
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT seq, ts, body FROM r WHERE seq >= $from ORDER BY seq LIMIT 1000";
            select.Parameters.AddWithValue("$from", from);
            using var reader = select.ExecuteReader();
            while (reader.Read()) total += ((byte[])reader.GetValue(2)).Length;
        }
        if (total != (long)records * body.Length) throw new InvalidOperationException("the baseline read back the wrong amount");
        return (append, clock.Elapsed);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
