namespace EdgeTwin.Modbus.Fuzzing;

/// <summary>Counts of one <see cref="ModbusFuzz.Run"/>.</summary>
public sealed record ModbusFuzzReport
{
    /// <summary>Inputs generated.</summary>
    public long Iterations { get; init; }

    /// <summary>Bytes fed to the decoders.</summary>
    public long Bytes { get; init; }

    /// <summary>Complete frames the framers accepted (MBAP and RTU).</summary>
    public long Frames { get; init; }

    /// <summary>Inputs that ended as "incomplete, need more bytes".</summary>
    public long Incomplete { get; init; }

    /// <summary><see cref="Errors.ModbusProtocolException"/>s (the expected reaction to malformed MBAP and PDUs).</summary>
    public long ProtocolErrors { get; init; }

    /// <summary>Exception responses decoded (<see cref="Errors.ModbusException"/>).</summary>
    public long ExceptionResponses { get; init; }

    /// <summary>Bytes the RTU framers skipped to resynchronise.</summary>
    public long RtuDiscardedBytes { get; init; }

    /// <summary>Requests the server handler answered.</summary>
    public long ServerAnswers { get; init; }

    /// <summary>Broken invariants or unexpected exceptions: must be 0.</summary>
    public long Failures { get; init; }

    /// <summary>The first failure: what broke and the input in hex, to reproduce it.</summary>
    public string? FirstFailure { get; init; }

    /// <summary>One-line summary.</summary>
    public override string ToString() =>
        $"iterations={Iterations} bytes={Bytes} frames={Frames} incomplete={Incomplete} protocolErrors={ProtocolErrors} " +
        $"exceptionResponses={ExceptionResponses} rtuDiscarded={RtuDiscardedBytes} serverAnswers={ServerAnswers} failures={Failures}";
}
