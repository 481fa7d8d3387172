// Socket.IO rooms per meeting: everyone, the chair's tabs, and the paper-ballot desk.
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
export const chairRoom = (meetingId: string) => `meeting:${meetingId}:chair`;
/** Chair and tellers: paper ballot entry. */
export const tellerRoom = (meetingId: string) => `meeting:${meetingId}:tellers`;
/** Every chair tab of every meeting: told when someone guesses 会议码, which name no meeting. */
export const ALL_CHAIRS_ROOM = "chairs";
