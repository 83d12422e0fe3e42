namespace MailStreams.Hosting;

/// <summary>Marks what goes into the Akka journal or snapshot store: serialized by <see cref="PersistenceSerializer"/> with a stable manifest.</summary>
public interface IPersistedMessage;
