import CVBuildKit

CommandLineTool.main()
