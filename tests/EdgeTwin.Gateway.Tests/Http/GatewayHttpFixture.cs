using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EdgeTwin.Core.Configuration;
using EdgeTwin.Gateway.Configuration;
using EdgeTwin.Gateway.Hosting;
using EdgeTwin.Gateway.Http;
using EdgeTwin.Simulator;
using EdgeTwin.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeTwin.Gateway.Tests.Http;

/// <summary>
/// The real gateway host in this process (GatewayHost.Build), polling the simulated pump plant over Modbus TCP on a
/// free loopback port, with its HTTP server on another free loopback port. Logged errors are collected: tests assert
/// there are none they did not expect.
/// </summary>
public sealed class GatewayHttpFixture : IAsyncDisposable
{
    public const string Token = "test-token-0123456789abcdef";

    private readonly TempDir _dir = new();
    private PumpPlant? _plant;

    private GatewayHttpFixture()
    {
    }

    public IHost Host { get; private set; } = null!;

    public GatewayConfig Config { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<string> Errors { get; } = new();

    public string Dir => _dir.Path;

    /// <summary>
    /// Starts plant and gateway. <paramref name="withToken"/> writes a token file and configures it;
    /// <paramref name="devicePort"/> overrides the Modbus port (a listener that never answers delays the first cycle by
    /// <paramref name="deviceTimeout"/>);
    /// <paramref name="mqttPort"/> adds an uplink to a broker there; <paramref name="start"/> false leaves starting to the test.
    /// </summary>
    public static async Task<GatewayHttpFixture> StartAsync(bool withToken = false, int? devicePort = null, int? mqttPort = null, bool start = true, string deviceTimeout = "1s", int retries = 1)
    {
        var fixture = new GatewayHttpFixture();
        var port = devicePort;
        if (port is null)
        {
            fixture._plant = new PumpPlant(port: 0, pumps: 1, lifetime: TimeSpan.FromHours(2));
            await fixture._plant.StartAsync();
            port = fixture._plant.Port;
        }

        var httpPort = FreePort.Next();
        var tokenFile = fixture._dir.File("token");
        if (withToken)
        {
            await File.WriteAllTextAsync(tokenFile, Token + "\n");
        }

        var yaml = Yaml(fixture._dir.File("gw.db"), port.Value, httpPort, withToken ? tokenFile : null, mqttPort, deviceTimeout, retries);
        await File.WriteAllTextAsync(fixture._dir.File("gw.yaml"), yaml);
        fixture.Config = ConfigLoader.Parse(yaml, fixture._dir.File("gw.yaml"));
        fixture.Host = GatewayHost.Build(fixture.Config, logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddProvider(new ErrorCollector(fixture.Errors)));
        fixture.BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        fixture.Client = new HttpClient { BaseAddress = fixture.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        if (start)
        {
            await fixture.Host.StartAsync();
        }

        return fixture;
    }

    public static string Yaml(string db, int modbusPort, int httpPort, string? tokenFile, int? mqttPort, string deviceTimeout = "1s", int retries = 1) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            gateway:
              id: http-gw
              site: test-bench
            storage:
              path: {{db}}
              commitInterval: 20ms
            {{(mqttPort is { } mq ? $"mqtt:\n  url: mqtt://127.0.0.1:{mq}\n  topicRoot: et/v1\n  keepAlive: 5s\n  maxBackoff: 500ms\n" : string.Empty)}}http:
              listen: 127.0.0.1:{{httpPort}}
            {{(tokenFile is null ? string.Empty : $"  tokenFile: {tokenFile}\n")}}devices:
              - id: plc1
                modbus: { host: 127.0.0.1, port: {{modbusPort}}, unit: 1 }
                poll: 100ms
                timeout: {{deviceTimeout}}
                retries: {{retries}}
                maxBackoff: 1s
                points:
                  - { id: pump1_pressure, table: holding, address: 0, type: float32, order: ABCD, unit: bar }
                  - { id: pump1_temperature, table: holding, address: 2, type: float32, unit: degC }
                  - { id: pump1_vibration, table: holding, address: 4, type: float32, order: CDAB, unit: mm/s }
                  - { id: pump1_speed, table: holding, address: 20, type: uint16, scale: 0.1, unit: "%", writable: true, min: 0, max: 100 }
                  - { id: pump1_current, table: input, address: 10, type: uint16, scale: 0.01, unit: A }
                  - { id: pump1_running, table: coil, address: 0, type: bool }
                  - { id: pump1_cooling, table: coil, address: 1, type: bool, writable: true }
            assets:
              - id: pump1
                type: pump
                properties:
                  pressure: plc1/pump1_pressure
                  current: plc1/pump1_current
                  running: plc1/pump1_running
                  temperature: plc1/pump1_temperature
                  vibration: plc1/pump1_vibration
                  speed: plc1/pump1_speed
                  cooling: plc1/pump1_cooling
                alarms:
                  - { id: overtemp, property: temperature, high: 20, hysteresis: 1, severity: critical }
                  - { id: novibration, property: vibration, low: -100, severity: info }
                dynamics:
                  inputs: [speed, cooling]
                  outputs: [temperature, pressure]
                  step: 100ms
              - id: motor2
                type: motor
                properties:
                  current: plc1/pump1_current
            """);

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    public async Task<(int Status, JsonDocument Body)> PostJsonAsync(string path, string json, string? token = null, Action<HttpRequestMessage>? tweak = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        tweak?.Invoke(request);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(body));
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="until"/> holds.</summary>
    public async Task<JsonDocument> WaitJsonAsync(string path, Func<JsonElement, bool> until, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "(nothing)";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Client.GetAsync(path);
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var document = JsonDocument.Parse(last);
                if (until(document.RootElement))
                {
                    return document;
                }

                document.Dispose();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{what}: not seen on {path} within {timeout.TotalSeconds} s; last answer: {last}");
    }

    public Task WaitFirstDataAsync() =>
        WaitJsonAsync("api/points?device=plc1", r => r.GetProperty("points").EnumerateArray().All(p => p.GetProperty("quality").GetString() == "good"), TimeSpan.FromSeconds(20), "good values of every point");

    public void AssertNoErrors() => Assert.True(Errors.IsEmpty, "errors were logged:\n" + string.Join("\n", Errors));

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (Host is not null)
        {
            try
            {
                await Host.StopAsync();
            }
            finally
            {
                if (Host is IAsyncDisposable async)
                {
                    await async.DisposeAsync();
                }
                else
                {
                    Host.Dispose();
                }
            }
        }

        if (_plant is not null)
        {
            await _plant.DisposeAsync();
        }

        _dir.Dispose();
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Collector(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
