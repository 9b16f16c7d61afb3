using EdgeTwin.Modbus.Protocol;
using EdgeTwin.Modbus.Server;
using EdgeTwin.Modbus.Values;

namespace EdgeTwin.Simulator;

/// <summary>
/// The simulated plant of the demo, tests and benchmarks: pumps (one Modbus unit each) served over Modbus TCP on
/// loopback, with physics stepped on a timer. Writes from Modbus clients (set-point, run, cooling) act on the model.
/// </summary>
public sealed class PumpPlant : IAsyncDisposable
{
    private readonly ModbusMemoryStore _store = new();
    private readonly ModbusTcpServer _server;
    private readonly PumpModel[] _pumps;
    private readonly TimeSpan _step;
    private readonly object _gate = new();
    private CancellationTokenSource? _cts;
    private Task? _loop;
    private double _runSeconds;

    /// <summary>Creates a plant of <paramref name="pumps"/> pumps (units 1..N) listening on 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    public PumpPlant(int port = 5020, int pumps = 1, TimeSpan? lifetime = null, TimeSpan? step = null, int seed = 1)
    {
        _step = step ?? TimeSpan.FromMilliseconds(100);
        _pumps = new PumpModel[pumps];
        for (var i = 0; i < pumps; i++)
        {
            _pumps[i] = new PumpModel(lifetime ?? TimeSpan.FromMinutes(30), seed + i);
            var memory = _store.AddUnit((byte)(i + 1), new ModbusUnitMemory(coils: 16, discreteInputs: 16, holdingRegisters: 100, inputRegisters: 100));
            memory.SetBits(ModbusDataTable.Coils, PumpRegisters.Running, [true, true, true]);
            memory.SetRegisters(ModbusDataTable.HoldingRegisters, PumpRegisters.SpeedSetpoint, [800]);
        }

        _server = new ModbusTcpServer(_store, new ModbusTcpServerOptions { Port = port });
        Publish();
    }

    /// <summary>The bound TCP port.</summary>
    public int Port => _server.Port;

    /// <summary>The pumps, by unit id - 1.</summary>
    public IReadOnlyList<PumpModel> Pumps => _pumps;

    /// <summary>Starts serving and stepping the physics.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        _cts = new CancellationTokenSource();
        _loop = RunAsync(_cts.Token);
    }

    /// <summary>Advances the physics by one step (also usable without the timer, for deterministic tests).</summary>
    public void Step(TimeSpan dt)
    {
        lock (_gate)
        {
            ApplyWrites();
            foreach (var pump in _pumps)
            {
                pump.Step(dt);
            }

            _runSeconds += dt.TotalSeconds;
            Publish();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_cts is not null)
        {
            await _cts.CancelAsync().ConfigureAwait(false);
            try
            {
                await (_loop ?? Task.CompletedTask).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            _cts.Dispose();
        }

        await _server.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_step);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            Step(_step);
        }
    }

    private void ApplyWrites()
    {
        for (var i = 0; i < _pumps.Length; i++)
        {
            var memory = _store[(byte)(i + 1)];
            var pump = _pumps[i];
            pump.Running = memory.GetBit(ModbusDataTable.Coils, PumpRegisters.Running);
            pump.CoolingEnabled = memory.GetBit(ModbusDataTable.Coils, PumpRegisters.CoolingEnabled);
            pump.SpeedSetpoint = memory.GetRegister(ModbusDataTable.HoldingRegisters, PumpRegisters.SpeedSetpoint) / 10.0;
        }
    }

    private void Publish()
    {
        for (var i = 0; i < _pumps.Length; i++)
        {
            var memory = _store[(byte)(i + 1)];
            var pump = _pumps[i];
            memory.SetValue(ModbusDataTable.HoldingRegisters, PumpRegisters.Pressure, pump.Pressure, ModbusDataType.Float32);
            memory.SetValue(ModbusDataTable.HoldingRegisters, PumpRegisters.Temperature, pump.Temperature, ModbusDataType.Float32);
            memory.SetValue(ModbusDataTable.HoldingRegisters, PumpRegisters.Vibration, pump.Vibration, ModbusDataType.Float32, ModbusWordOrder.CDAB);
            memory.SetValue(ModbusDataTable.HoldingRegisters, PumpRegisters.Flow, pump.Flow, ModbusDataType.Float32);
            memory.SetRegisters(ModbusDataTable.InputRegisters, PumpRegisters.Current, [(ushort)Math.Clamp(Math.Round(pump.Current * 100), 0, 65535)]);
            memory.SetRegisters(ModbusDataTable.InputRegisters, PumpRegisters.RunHours, [(ushort)Math.Min(65535, _runSeconds / 3600)]);
            memory.SetBits(ModbusDataTable.DiscreteInputs, PumpRegisters.Failed, [pump.Failed]);
            memory.SetBits(ModbusDataTable.Coils, PumpRegisters.Fan, [pump.Cooling]);
        }
    }
}
