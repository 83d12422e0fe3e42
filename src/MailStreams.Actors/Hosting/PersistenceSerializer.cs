using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using MailStreams.Outbox;
using MailStreams.Pipeline;

namespace MailStreams.Hosting;

/// <summary>
/// The explicit serializer of everything persisted: System.Text.Json with a stable, versioned manifest per type,
/// never CLR type names, so renaming a class never breaks recovery. Add a new manifest for a new shape; keep old ones.
/// </summary>
public sealed class PersistenceSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 4711;

    private static readonly Dictionary<string, Type> TypesByManifest = new()
    {
        ["outbox.reply-sent.v1"] = typeof(OutboxEvents.ReplySent),
        ["outbox.reply-dead-lettered.v1"] = typeof(OutboxEvents.ReplyDeadLettered),
        ["outbox.reply-skipped.v1"] = typeof(OutboxEvents.ReplySkipped),
        ["outbox.snapshot.v1"] = typeof(OutboxSnapshot),
        ["offset.committed.v1"] = typeof(OffsetCommitted),
    };

    private static readonly Dictionary<Type, string> ManifestsByType = TypesByManifest.ToDictionary(kv => kv.Value, kv => kv.Key);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override int Identifier => SerializerId;

    public override string Manifest(object o) =>
        ManifestsByType.TryGetValue(o.GetType(), out var m)
            ? m
            : throw new ArgumentException($"{o.GetType().Name} has no persistence manifest; add one to {nameof(PersistenceSerializer)}");

    public override byte[] ToBinary(object obj)
    {
        Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);
    }

    public override object FromBinary(byte[] bytes, string manifest) =>
        TypesByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Json) ?? throw new System.Runtime.Serialization.SerializationException($"empty {manifest}")
            : throw new System.Runtime.Serialization.SerializationException($"unknown persistence manifest '{manifest}'");
}
