/** Event-log parsing and calibration as the studio may use it: the one gateway to simulator/calibrate. */
export * from '../../simulator/calibrate';
