using EdgeTwin.OpcUa.Encoding;
using EdgeTwin.OpcUa.SecureChannel;
using EdgeTwin.OpcUa.Security;
using EdgeTwin.OpcUa.Services;
using EdgeTwin.OpcUa.Tests.Fakes;
using EdgeTwin.OpcUa.Transport;

namespace EdgeTwin.OpcUa.Tests.SecureChannel;

public sealed class SecureChannelTests
{
    internal static async Task<(UaSecureChannel Channel, FakeUaServer Server)> OpenAsync(
        Action<FakeUaServer>? configure = null,
        SecurityPolicy? policy = null,
        MessageSecurityMode mode = MessageSecurityMode.None,
        OpcUaLimits? limits = null)
    {
        policy ??= SecurityPolicy.None;
        var (clientStream, serverStream) = DuplexStream.CreatePair();
        var secure = !policy.IsNone;
        var server = new FakeUaServer(serverStream, policy, mode, secure ? TestCertificates.Server : null, secure ? TestCertificates.PublicOnly(TestCertificates.Client) : null);
        configure?.Invoke(server);
        server.Start();
        var channel = await UaSecureChannel.OpenAsync(clientStream, new SecureChannelOptions
        {
            EndpointUrl = "opc.tcp://fake:4840/",
            Policy = policy,
            Mode = mode,
            ClientCertificate = secure ? TestCertificates.Client : null,
            ServerCertificate = secure ? TestCertificates.PublicOnly(TestCertificates.Server) : null,
            Limits = limits ?? OpcUaLimits.Default,
            OperationTimeout = TimeSpan.FromSeconds(5),
        });
        return (channel, server);
    }

    private static ReadResponse Echo(ReadRequest request, double marker) => new()
    {
        Results = request.NodesToRead.Select(_ => new DataValue(new Variant(marker))).ToArray(),
    };

    private static ReadRequest Read(int count = 1) => new()
    {
        NodesToRead = Enumerable.Range(0, count).Select(i => new ReadValueId { NodeId = new NodeId(1, (uint)i), AttributeId = AttributeIds.Value }).ToArray(),
    };

    [Fact]
    public async Task Hello_advertises_our_limits_and_the_acknowledge_sets_what_we_send()
    {
        var limits = new OpcUaLimits { ReceiveBufferSize = 32768, MaxMessageSize = 1 << 20, MaxChunkCount = 40 };
        var (channel, server) = await OpenAsync(s => s.Acknowledge = new AcknowledgeMessage(0, 8192, 16384, 500_000, 9), limits: limits);
        await using var serverScope = server;
        await using var channelScope = channel;

        Assert.Equal(new HelloMessage(0, 32768, 65536, 1 << 20, 40, "opc.tcp://fake:4840/"), server.Hello);
        Assert.Equal(new TransportLimits(8192, 32768, 500_000, 9), channel.TransportLimits);
        Assert.Equal(77u, channel.ChannelId);
        var open = Assert.Single(server.OpenRequests);
        Assert.Equal(SecurityTokenRequestType.Issue, open.RequestType);
        Assert.Equal(MessageSecurityMode.None, open.SecurityMode);
    }

    [Fact]
    public async Task Responses_are_matched_to_requests_by_request_id_in_any_order()
    {
        var (channel, server) = await OpenAsync(s => s.Handler = (_, _) => null);
        await using var serverScope = server;
        await using var channelScope = channel;

        var first = channel.SendRequestAsync<ReadResponse>(Read());
        var second = channel.SendRequestAsync<ReadResponse>(Read());
        await ResilienceWait(() => server.Requests.Count == 2);
        var ids = server.ReceivedChunks.Select(c => c).ToArray();
        Assert.Equal(2, ids.Length);
        // request ids are 2 and 3 (1 went to OpenSecureChannel); answer the second first
        await server.SendResponseAsync(3, new ReadResponse { Results = [new DataValue(new Variant(3.0))] });
        await server.SendResponseAsync(2, new ReadResponse { Results = [new DataValue(new Variant(2.0))] });

        Assert.Equal(2.0, (await first).Results[0].Value.Value);
        Assert.Equal(3.0, (await second).Results[0].Value.Value);
    }

    [Fact]
    public async Task Large_request_is_split_into_chunks_of_the_negotiated_size()
    {
        var (channel, server) = await OpenAsync(s =>
        {
            s.Acknowledge = new AcknowledgeMessage(0, 8192, 65536, 0, 0);
            s.Handler = (_, request) => new WriteResponse { Results = ((WriteRequest)request).NodesToWrite.Select(_ => StatusCode.Good).ToArray() };
        });
        await using var serverScope = server;
        await using var channelScope = channel;
        var values = Enumerable.Range(0, 5000).Select(i => (double)i).ToArray();

        var response = await channel.SendRequestAsync<WriteResponse>(new WriteRequest
        {
            NodesToWrite = [new WriteValue { NodeId = new NodeId(1, 1u), AttributeId = AttributeIds.Value, Value = new DataValue(Variant.FromArray(values, BuiltInType.Double)) }],
        });

        Assert.Single(response.Results);
        var chunks = server.ReceivedChunks.ToArray();
        Assert.True(chunks.Length >= 5, $"{chunks.Length} chunks");
        Assert.All(chunks, c => Assert.True(c.ChunkSize <= 8192));
        Assert.All(chunks[..^1], c => Assert.Equal(UaTcpChunkHeader.Intermediate, c.ChunkType));
        Assert.Equal(UaTcpChunkHeader.Final, chunks[^1].ChunkType);
        var received = (WriteRequest)server.Requests.Single();
        Assert.Equal(values, (double[])received.NodesToWrite[0].Value.Value.Value!);
    }

    [Fact]
    public async Task Requests_beyond_the_server_limits_fail_before_anything_is_sent()
    {
        var (channel, server) = await OpenAsync(s => s.Acknowledge = new AcknowledgeMessage(0, 8192, 65536, 20_000, 3));
        await using var serverScope = server;
        await using var channelScope = channel;

        var tooBig = await Assert.ThrowsAsync<OpcUaException>(() => channel.SendRequestAsync<ReadResponse>(Read(2000)));
        var tooManyChunks = await Assert.ThrowsAsync<OpcUaException>(() => channel.SendRequestAsync<ReadResponse>(Read(1200)));

        Assert.Equal(StatusCodes.BadRequestTooLarge, tooBig.StatusCode.Code);
        Assert.Equal(StatusCodes.BadRequestTooLarge, tooManyChunks.StatusCode.Code);
        Assert.Empty(server.ReceivedChunks);
        Assert.True(channel.IsOpen);
    }

    [Fact]
    public async Task Multi_chunk_response_is_reassembled()
    {
        var (channel, server) = await OpenAsync(s =>
        {
            s.ResponseChunkBodySize = 500;
            s.Handler = (_, request) => Echo((ReadRequest)request, 1.5);
        });
        await using var serverScope = server;
        await using var channelScope = channel;

        var response = await channel.SendRequestAsync<ReadResponse>(Read(300));

        Assert.Equal(300, response.Results.Count);
        Assert.All(response.Results, r => Assert.Equal(1.5, r.Value.Value));
    }

    [Fact]
    public async Task Response_with_more_chunks_than_our_limit_fails_only_that_request()
    {
        var limits = new OpcUaLimits { MaxChunkCount = 3 };
        var (channel, server) = await OpenAsync(
            s =>
            {
                s.ResponseChunkBodySize = 500;
                s.Handler = (_, request) => Echo((ReadRequest)request, 2);
            },
            limits: limits);
        await using var serverScope = server;
        await using var channelScope = channel;

        var error = await Assert.ThrowsAsync<OpcUaException>(() => channel.SendRequestAsync<ReadResponse>(Read(300)));
        var ok = await channel.SendRequestAsync<ReadResponse>(Read(1));

        Assert.Equal(StatusCodes.BadResponseTooLarge, error.StatusCode.Code);
        Assert.Single(ok.Results);
    }

    [Fact]
    public async Task Abort_chunk_fails_the_request_with_its_status()
    {
        FakeUaServer? fake = null;
        var (channel, server) = await OpenAsync(s =>
        {
            fake = s;
            s.Handler = (id, request) =>
            {
                _ = fake!.SendAbortAsync(id, StatusCodes.BadResponseTooLarge, "too big for me");
                return null;
            };
        });
        await using var serverScope = server;
        await using var channelScope = channel;

        var error = await Assert.ThrowsAsync<OpcUaException>(() => channel.SendRequestAsync<ReadResponse>(Read()));

        Assert.Equal(StatusCodes.BadResponseTooLarge, error.StatusCode.Code);
        Assert.Contains("too big for me", error.Message);
        Assert.True(channel.IsOpen);
    }

    [Fact]
    public async Task Service_fault_and_bad_service_result_throw_their_status()
    {
        var (channel, server) = await OpenAsync(s => s.Handler = (_, request) => request is ReadRequest
            ? new ServiceFault { ResponseHeader = new ResponseHeader { ServiceResult = StatusCodes.BadTooManyOperations } }
            : new WriteResponse { ResponseHeader = new ResponseHeader { ServiceResult = StatusCodes.BadNothingToDo } });
        await using var serverScope = server;
        await using var channelScope = channel;

        var fault = await Assert.ThrowsAsync<OpcUaException>(() => channel.SendRequestAsync<ReadResponse>(Read()));
        var bad = await Assert.ThrowsAsync<OpcUaException>(() => channel.SendRequestAsync<WriteResponse>(new WriteRequest()));

        Assert.Equal(StatusCodes.BadTooManyOperations, fault.StatusCode.Code);
        Assert.Equal(StatusCodes.BadNothingToDo, bad.StatusCode.Code);
    }

    [Fact]
    public async Task Missing_response_times_out_and_the_channel_stays_usable()
    {
        var answer = false;
        var (channel, server) = await OpenAsync(s => s.Handler = (_, request) => answer ? Echo((ReadRequest)request, 4) : null);
        await using var serverScope = server;
        await using var channelScope = channel;

        var error = await Assert.ThrowsAsync<OpcUaException>(() => channel.SendRequestAsync<ReadResponse>(Read(), TimeSpan.FromMilliseconds(200)));
        answer = true;
        var ok = await channel.SendRequestAsync<ReadResponse>(Read());

        Assert.Equal(StatusCodes.BadTimeout, error.StatusCode.Code);
        Assert.Equal(4.0, ok.Results[0].Value.Value);
        Assert.Equal(200u, server.Requests.First().RequestHeader.TimeoutHint);
    }

    [Fact]
    public async Task Cancelled_request_throws_OperationCanceledException()
    {
        var (channel, server) = await OpenAsync(s => s.Handler = (_, _) => null);
        await using var serverScope = server;
        await using var channelScope = channel;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.SendRequestAsync<ReadResponse>(Read(), cancellationToken: cancel.Token));
        Assert.True(channel.IsOpen);
    }

    [Fact]
    public async Task Error_message_faults_the_channel_and_its_pending_requests()
    {
        var (channel, server) = await OpenAsync(s => s.Handler = (_, _) => null);
        await using var serverScope = server;
        await using var channelScope = channel;

        var pending = channel.SendRequestAsync<ReadResponse>(Read());
        await ResilienceWait(() => !server.Requests.IsEmpty);
        await server.SendErrorAsync(StatusCodes.BadTcpInternalError, "server going down");

        var error = await Assert.ThrowsAsync<OpcUaException>(() => pending);
        var closed = await channel.Closed;
        Assert.Equal(StatusCodes.BadTcpInternalError, error.StatusCode.Code);
        Assert.Equal(StatusCodes.BadTcpInternalError, closed!.StatusCode.Code);
        Assert.Contains("server going down", closed.Message);
        Assert.False(channel.IsOpen);
        var after = await Assert.ThrowsAsync<OpcUaException>(() => channel.SendRequestAsync<ReadResponse>(Read()));
        Assert.Equal(StatusCodes.BadTcpInternalError, after.StatusCode.Code);
    }

    [Fact]
    public async Task Sequence_number_gap_faults_the_channel()
    {
        FakeUaServer? fake = null;
        var (channel, server) = await OpenAsync(s =>
        {
            fake = s;
            s.Handler = (_, request) =>
            {
                fake!.SkipSequenceNumbers(5);
                return Echo((ReadRequest)request, 1);
            };
        });
        await using var serverScope = server;
        await using var channelScope = channel;

        await Assert.ThrowsAsync<OpcUaException>(() => channel.SendRequestAsync<ReadResponse>(Read()));
        Assert.Equal(StatusCodes.BadSequenceNumberInvalid, (await channel.Closed)!.StatusCode.Code);
    }

    [Fact]
    public async Task Rejected_hello_reports_the_server_error()
    {
        var error = await Assert.ThrowsAsync<OpcUaException>(() => OpenAsync(s => s.RejectHello = new ErrorMessage(StatusCodes.BadTcpEndpointUrlInvalid, "no such endpoint")));
        Assert.Equal(StatusCodes.BadTcpEndpointUrlInvalid, error.StatusCode.Code);
        Assert.Contains("no such endpoint", error.Message);
    }

    [Fact]
    public async Task Acknowledge_with_buffers_below_8192_is_refused()
    {
        var error = await Assert.ThrowsAsync<OpcUaException>(() => OpenAsync(s => s.Acknowledge = new AcknowledgeMessage(0, 1024, 1024, 0, 0)));
        Assert.Equal(StatusCodes.BadTcpInternalError, error.StatusCode.Code);
    }

    public static TheoryData<string, MessageSecurityMode> Policies() => new()
    {
        { SecurityPolicyUris.None, MessageSecurityMode.None },
        { SecurityPolicyUris.Basic256Sha256, MessageSecurityMode.Sign },
        { SecurityPolicyUris.Basic256Sha256, MessageSecurityMode.SignAndEncrypt },
        { SecurityPolicyUris.Aes128Sha256RsaOaep, MessageSecurityMode.SignAndEncrypt },
        { SecurityPolicyUris.Aes256Sha256RsaPss, MessageSecurityMode.SignAndEncrypt },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Token_is_renewed_at_75_percent_of_its_lifetime_and_used_afterwards(string policyUri, MessageSecurityMode mode)
    {
        var (channel, server) = await OpenAsync(
            s =>
            {
                s.RevisedLifetimeMs = 1000;
                s.Handler = (_, request) => Echo((ReadRequest)request, 9);
            },
            SecurityPolicy.FromUri(policyUri),
            mode);
        await using var serverScope = server;
        await using var channelScope = channel;
        var renewed = new TaskCompletionSource<uint>();
        channel.TokenRenewed += id => renewed.TrySetResult(id);

        var before = await channel.SendRequestAsync<ReadResponse>(Read(50));
        var newToken = await renewed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await channel.SendRequestAsync<ReadResponse>(Read(50));

        Assert.Equal(2u, newToken);
        var opens = server.OpenRequests.ToArray();
        Assert.Equal(SecurityTokenRequestType.Renew, opens[1].RequestType);
        // Scheduled at 75% of the 1 s lifetime (not earlier); the upper bound only guards against a hang.
        Assert.InRange(opens[1].RequestHeader.Timestamp - opens[0].RequestHeader.Timestamp, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(10));
        Assert.Equal(50, before.Results.Count);
        Assert.Equal(50, after.Results.Count);
        Assert.Equal(2u, server.ReceivedChunks.Last().TokenId);
        Assert.True(channel.IsOpen);
    }

    [Fact]
    public async Task Tampered_secure_message_faults_the_channel()
    {
        FakeUaServer? fake = null;
        var (channel, server) = await OpenAsync(
            s =>
            {
                fake = s;
                s.Handler = (id, request) =>
                {
                    _ = fake!.SendTamperedResponseAsync(id, Echo((ReadRequest)request, 1));
                    return null;
                };
            },
            SecurityPolicy.Basic256Sha256,
            MessageSecurityMode.SignAndEncrypt);
        await using var serverScope = server;
        await using var channelScope = channel;

        await Assert.ThrowsAsync<OpcUaException>(() => channel.SendRequestAsync<ReadResponse>(Read()));
        Assert.Equal(StatusCodes.BadSecurityChecksFailed, (await channel.Closed)!.StatusCode.Code);
    }

    [Fact]
    public async Task Close_sends_CloseSecureChannel_and_fails_what_is_pending()
    {
        var (channel, server) = await OpenAsync(s => s.Handler = (_, _) => null);
        await using var serverScope = server;

        var pending = channel.SendRequestAsync<ReadResponse>(Read());
        await ResilienceWait(() => !server.Requests.IsEmpty);
        await channel.CloseAsync();

        var error = await Assert.ThrowsAsync<OpcUaException>(() => pending);
        Assert.Equal(StatusCodes.BadSecureChannelClosed, error.StatusCode.Code);
        Assert.Null(await channel.Closed);
        await ResilienceWait(() => server.CloseReceived);
    }

    private static async Task ResilienceWait(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(5);
        }
    }
}
