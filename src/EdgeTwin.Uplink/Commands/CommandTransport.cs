using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace EdgeTwin.Uplink.Commands;

/// <summary>
/// Commands over MQTT: requests on {root}/{gateway}/cmd/{name} are answered on the MQTT 5 response topic with the
/// request's correlation data; MQTT 3.1.1 clients use .../cmd/{name}/{requestId} and get the answer on
/// .../reply/{requestId}. Requests are handed off the client's receive path and run at most
/// <see cref="Concurrency"/> at a time; a slow write never blocks the broker connection.
/// </summary>
internal sealed partial class CommandTransport
{
    /// <summary>Commands running at once.</summary>
    public const int Concurrency = 4;

    private static readonly string[] WhoProperties = ["user", "client", "clientId", "client-id", "who"];
    private readonly IMqttClient _client;
    private readonly TopicScheme _topics;
    private readonly ICommandDispatcher _dispatcher;
    private readonly bool _v5;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<Received> _queue = Channel.CreateBounded<Received>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public CommandTransport(IMqttClient client, TopicScheme topics, ICommandDispatcher dispatcher, bool v5, TimeProvider time, ILogger logger)
    {
        _client = client;
        _topics = topics;
        _dispatcher = dispatcher;
        _v5 = v5;
        _time = time;
        _logger = logger;
    }

    /// <summary>The subscription: every command of this gateway.</summary>
    public string Filter => _topics.CommandFilter;

    /// <summary>Takes a received message if it is a command (true), queueing it for the worker.</summary>
    public bool TryAccept(MqttApplicationMessage message)
    {
        if (!message.Topic.StartsWith(_topics.CommandPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        // Copied here: the client may reuse the message's buffers once the receive handler returns.
        var received = new Received(message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload), message.ResponseTopic, message.CorrelationData?.ToArray(), Who(message));
        if (!_queue.Writer.TryWrite(received))
        {
            Log.Overloaded(_logger, message.Topic);
        }

        return true;
    }

    /// <summary>Runs queued commands until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Concurrency, Concurrency);
        var running = new List<Task>();
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(
                    async () =>
                    {
                        try
                        {
                            await HandleAsync(message, cancellationToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    },
                    CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task HandleAsync(Received message, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        byte[] response;
        string? requestId = null;
        if (!CommandTopic.TryParse(message.Topic, _topics.CommandPrefix, out var name, out requestId))
        {
            response = CommandResponse.Error(null, null, now, "bad-topic",
                $"'{message.Topic}' is not a command topic: expected {_topics.CommandPrefix}{{name}} or {_topics.CommandPrefix}{{name}}/{{requestId}}");
        }
        else
        {
            var envelope = new CommandEnvelope(name, requestId, message.Payload, message.Who, _v5 ? "mqtt5" : "mqtt3");
            try
            {
                response = await _dispatcher.DispatchAsync(envelope, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The router answers every bad command itself; reaching here is a bug in a handler. Answer, log, go on.
                Log.DispatchFailed(_logger, ex, name);
                response = CommandResponse.Error(name, requestId, now, "internal", "the command failed inside the gateway: " + ex.Message);
            }
        }

        var target = _v5 && !string.IsNullOrEmpty(message.ResponseTopic) ? message.ResponseTopic
            : requestId is not null ? _topics.Reply(requestId)
            : null;
        if (target is null)
        {
            Log.NoReplyTopic(_logger, message.Topic);
            return;
        }

        var reply = new MqttApplicationMessageBuilder()
            .WithTopic(target)
            .WithPayload(response)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_v5)
        {
            reply.WithContentType("application/json");
            if (message.CorrelationData is { Length: > 0 } correlation)
            {
                reply.WithCorrelationData(correlation);
            }
        }

        try
        {
            await _client.PublishAsync(reply.Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            Log.ReplyFailed(_logger, target, ex.Message);
        }
    }

    private static string Who(MqttApplicationMessage message)
    {
        if (message.UserProperties is { } properties)
        {
            foreach (var key in WhoProperties)
            {
                var hit = properties.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
                var value = hit?.ReadValueAsString();
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value.Length > 128 ? value[..128] : value;
                }
            }
        }

        return "unknown";
    }

    private sealed record Received(string Topic, byte[] Payload, string? ResponseTopic, byte[]? CorrelationData, string Who);

    private static partial class Log
    {
        [LoggerMessage(EventId = 220, Level = LogLevel.Warning, Message = "Too many commands queued; dropped {Topic}")]
        public static partial void Overloaded(ILogger logger, string topic);

        [LoggerMessage(EventId = 221, Level = LogLevel.Error, Message = "Command {Name} failed inside the gateway")]
        public static partial void DispatchFailed(ILogger logger, Exception exception, string name);

        [LoggerMessage(EventId = 222, Level = LogLevel.Debug, Message = "Command on {Topic} has no response topic and no request id; not answered")]
        public static partial void NoReplyTopic(ILogger logger, string topic);

        [LoggerMessage(EventId = 223, Level = LogLevel.Warning, Message = "Could not send the command reply to {Topic}: {Reason}")]
        public static partial void ReplyFailed(ILogger logger, string topic, string reason);
    }
}
