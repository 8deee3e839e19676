import CVBuildCLI

CommandLineTool.main()
