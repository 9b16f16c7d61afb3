namespace EdgeTwin.Modbus.Protocol;

/// <summary>The public function codes this stack speaks (Modbus Application Protocol V1.1b3 §5.1).</summary>
public enum ModbusFunctionCode : byte
{
    /// <summary>FC1: read coils.</summary>
    ReadCoils = 1,

    /// <summary>FC2: read discrete inputs.</summary>
    ReadDiscreteInputs = 2,

    /// <summary>FC3: read holding registers.</summary>
    ReadHoldingRegisters = 3,

    /// <summary>FC4: read input registers.</summary>
    ReadInputRegisters = 4,

    /// <summary>FC5: write single coil.</summary>
    WriteSingleCoil = 5,

    /// <summary>FC6: write single register.</summary>
    WriteSingleRegister = 6,

    /// <summary>FC15: write multiple coils.</summary>
    WriteMultipleCoils = 15,

    /// <summary>FC16: write multiple registers.</summary>
    WriteMultipleRegisters = 16,

    /// <summary>FC23: read/write multiple registers.</summary>
    ReadWriteMultipleRegisters = 23,
}
