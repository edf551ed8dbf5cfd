// The three example projects' sprites and scripts (see examples/README.md for what a child does with them).
// Blocks are Scratch's own plus Image Model's (`imageModel_<opcode>` from blocks/block-specs.ts) and pen.
import { Opcode, PictureSource, VideoState } from '../../blocks/block-specs';
import { FINGER_COUNTER, ROCK_PAPER_SCISSORS, WHAT_DID_I_DRAW } from '../../examples/examples';
import { PAPER, PENCIL, PLAYGROUND_BACKDROP, ROCK, SCISSORS, scratchCat, THINKING, WHITE_BACKDROP } from './costumes';
import {
  broadcast,
  broadcastId,
  buildProject,
  color,
  menu,
  num,
  of,
  read,
  Scripts,
  text,
  variable,
  type BuiltProject,
  type InputValue,
  type Variable,
} from './scratch-project';

const imageModel = (opcode: string) => `imageModel_${opcode}`;
const classMenu = (name: string) => menu('imageModel_menu_classes', 'classes', name);

/** Blocks every script below uses, on one sprite's Scripts. */
function helpers(s: Scripts) {
  return {
    set: (v: Variable, value: InputValue) => s.block('data_setvariableto', { VALUE: value }, { VARIABLE: [v.name, v.id] }),
    change: (v: Variable, by: InputValue) => s.block('data_changevariableby', { VALUE: by }, { VARIABLE: [v.name, v.id] }),
    say: (message: InputValue) => s.block('looks_say', { MESSAGE: message }),
    sayFor: (message: InputValue, seconds: number) => s.block('looks_sayforsecs', { MESSAGE: message, SECS: num(seconds) }),
    join: (a: InputValue, b: InputValue) => of(s.block('operator_join', { STRING1: a, STRING2: b })),
    equals: (a: InputValue, b: InputValue) => s.block('operator_equals', { OPERAND1: a, OPERAND2: b }),
    and: (a: string, b: string) => s.block('operator_and', { OPERAND1: of(a), OPERAND2: of(b) }),
    or: (a: string, b: string) => s.block('operator_or', { OPERAND1: of(a), OPERAND2: of(b) }),
    ifElse: (condition: string, then: readonly string[], otherwise: readonly string[]) =>
      s.block('control_if_else', { CONDITION: of(condition), SUBSTACK: then, SUBSTACK2: otherwise }),
    whenFlag: () => s.block('event_whenflagclicked'),
    whenKey: (key: string) => s.block('event_whenkeypressed', {}, { KEY_OPTION: [key, null] }),
    whenReceive: (message: string) => s.block('event_whenbroadcastreceived', {}, { BROADCAST_OPTION: [message, broadcastId(message)] }),
    broadcast: (message: string) => s.block('event_broadcast', { BROADCAST_INPUT: broadcast(message) }),
    result: () => of(s.block(imageModel(Opcode.result))),
  };
}

/** Where the robot stands (a child clicks it to play again). */
export const ROBOT_POSITION = { x: 150, y: -80 } as const;

/**
 * Rock, paper, scissors against the computer: click the robot (or the green flag), show your hand in the
 * picture popup (upload or webcam), the computer picks at random and says who won.
 */
export function rockPaperScissorsProject(): BuiltProject {
  const names = ROCK_PAPER_SCISSORS.variables;
  const [you, computer, winner, yourScore, myScore] = [names.you, names.computer, names.winner, names.yourScore, names.myScore].map(
    variable,
  );
  const wins = ROCK_PAPER_SCISSORS.winnerText;
  const s = new Scripts('robot');
  const b = helpers(s);
  const is = (v: Variable, value: string) => b.equals(read(v), text(value));
  const youBeat = (mine: string, theirs: string) => b.and(is(you, mine), is(computer, theirs));

  s.script(b.whenFlag(), b.set(yourScore, num(0)), b.set(myScore, num(0)), b.broadcast('play'));
  s.script(s.block('event_whenthisspriteclicked'), b.broadcast('play'));
  s.script(
    b.whenReceive('play'),
    b.set(you, text('')),
    b.set(computer, text('')),
    b.set(winner, text('')),
    s.block('looks_switchcostumeto', { COSTUME: menu('looks_costume', 'COSTUME', THINKING.name) }),
    b.say(text('Rock, paper, scissors... show me your hand!')),
    s.block(imageModel(Opcode.recognizeImage)),
    b.set(you, b.result()),
    b.ifElse(
      is(you, ''),
      [b.say(text('No picture? Click me to play again!'))],
      [
        // Costumes 1-3 are rock, paper and scissors: a random costume is the computer's choice.
        s.block('looks_switchcostumeto', { COSTUME: of(s.block('operator_random', { FROM: num(1), TO: num(3) })) }),
        b.set(computer, of(s.block('looks_costumenumbername', {}, { NUMBER_NAME: ['name', null] }))),
        b.ifElse(
          b.equals(read(you), read(computer)),
          [
            b.set(winner, text(wins.tie)),
            b.say(b.join(text('We both chose '), b.join(read(you), text('. A tie! Click me to play again.')))),
          ],
          [
            b.ifElse(
              b.or(b.or(youBeat('rock', 'scissors'), youBeat('paper', 'rock')), youBeat('scissors', 'paper')),
              [
                b.set(winner, text(wins.you)),
                b.change(yourScore, num(1)),
                b.say(b.join(text('You win! I chose '), b.join(read(computer), text('. Click me to play again.')))),
              ],
              [
                b.set(winner, text(wins.computer)),
                b.change(myScore, num(1)),
                b.say(b.join(text('I win! I chose '), b.join(read(computer), text('. Click me to play again.')))),
              ],
            ),
          ],
        ),
      ],
    ),
  );
  return buildProject({
    backdrop: PLAYGROUND_BACKDROP,
    variables: [you, computer, winner, yourScore, myScore].map((v) => ({
      variable: v,
      value: v === yourScore || v === myScore ? 0 : '',
      shown: true,
    })),
    broadcasts: ['play'],
    // Bottom right, so its speech bubble stays clear of the score monitors at the top left.
    sprites: [
      { options: { name: 'Robot', costumes: [ROCK, PAPER, SCISSORS, THINKING], x: ROBOT_POSITION.x, y: ROBOT_POSITION.y }, scripts: s },
    ],
    extensions: ['imageModel'],
  });
}

/**
 * Finger counter: live video (or a picture with the space key); each sign the model sees adds that many to
 * the total, a fist (0) starts again, no hand ("nothing") waits for the next sign, and the cat cheers when the
 * total is exactly the goal.
 */
export function fingerCounterProject(): BuiltProject {
  const total = variable(FINGER_COUNTER.variables.total);
  const seen = variable(FINGER_COUNTER.variables.seen);
  const goal = FINGER_COUNTER.goal;
  const s = new Scripts('cat');
  const b = helpers(s);
  const whenRecognized = (name: string) => s.block(imageModel(Opcode.whenRecognized), { CLASS: classMenu(name) });

  s.script(
    b.whenFlag(),
    b.set(total, num(0)),
    b.set(seen, text('')),
    // Only sure answers count, so a hand moving between signs adds nothing.
    s.block(imageModel(Opcode.setConfidenceThreshold), { THRESHOLD: num(80) }),
    s.block(imageModel(Opcode.videoToggle), {}, { VIDEO_STATE: [VideoState.on, null] }),
    s.block(imageModel(Opcode.recognizeVideo), { INTERVAL: num(0.5) }),
    b.say(text(`Show me 1, 2, 3 or 4 fingers. Let's make ${goal}! A fist starts again. No webcam? Press space.`)),
  );
  s.script(b.whenKey('space'), s.block(imageModel(Opcode.recognizeImage)));
  s.script(whenRecognized('0'), b.set(seen, text('0')), b.set(total, num(0)), b.say(text('Back to 0! Show me some fingers.')));
  // No hand in view is its own answer, so taking the hand away neither counts nor starts again.
  s.script(
    whenRecognized(FINGER_COUNTER.nothing),
    b.set(seen, text(FINGER_COUNTER.nothing)),
    b.say(text('I see no hand. Show me some fingers!')),
  );
  for (const digit of ['1', '2', '3', '4']) {
    s.script(whenRecognized(digit), b.set(seen, text(digit)), b.change(total, num(Number(digit))), b.broadcast('added'));
  }
  s.script(
    b.whenReceive('added'),
    b.ifElse(
      b.equals(read(total), num(goal)),
      [b.say(text(`You made ${goal}! Show me a fist to play again.`))],
      [
        b.ifElse(
          s.block('operator_gt', { OPERAND1: read(total), OPERAND2: num(goal) }),
          [b.say(b.join(read(total), text(` is more than ${goal}! Show me a fist to start again.`)))],
          [b.say(b.join(text('That makes '), b.join(read(total), text('. Show me another sign!'))))],
        ),
      ],
    ),
  );
  return buildProject({
    backdrop: PLAYGROUND_BACKDROP,
    variables: [
      { variable: total, value: 0, shown: true },
      { variable: seen, value: '', shown: true },
    ],
    broadcasts: ['added'],
    sprites: [{ options: { name: 'Cat', costumes: [scratchCat()], x: -150, y: -100, size: 80 }, scripts: s }],
    extensions: ['imageModel'],
  });
}

/** Pen settings the project draws with (the model learnt many colours and widths around these). */
export const DRAWING_PEN = { color: '#1f4fd8', size: 8 } as const;

/**
 * What did I draw?: the child draws with the mouse (a hidden pencil sprite follows it with the pen down),
 * presses space, and the cat (outside the centre square the model looks at) says what it recognised.
 */
export function whatDidIDrawProject(): BuiltProject {
  const guess = variable(WHAT_DID_I_DRAW.variables.guess);
  const pencil = new Scripts('pencil');
  const p = helpers(pencil);
  pencil.script(
    p.whenFlag(),
    pencil.block('looks_hide'),
    pencil.block('pen_clear'),
    pencil.block('pen_setPenColorToColor', { COLOR: color(DRAWING_PEN.color) }),
    pencil.block('pen_setPenSizeTo', { SIZE: num(DRAWING_PEN.size) }),
    pencil.block('control_forever', {
      SUBSTACK: [
        p.ifElse(
          pencil.block('sensing_mousedown'),
          [pencil.block('motion_goto', { TO: menu('motion_goto_menu', 'TO', '_mouse_') }), pencil.block('pen_penDown')],
          [pencil.block('pen_penUp')],
        ),
      ],
    }),
  );
  pencil.script(p.whenKey('c'), pencil.block('pen_clear'), p.set(guess, text('')));

  const cat = new Scripts('cat');
  const c = helpers(cat);
  cat.script(
    c.whenFlag(),
    // A webcam left on by another project would be part of the stage picture.
    cat.block(imageModel(Opcode.videoToggle), {}, { VIDEO_STATE: [VideoState.off, null] }),
    c.set(guess, text('')),
    c.sayFor(text('Draw a circle, a square, a triangle or a line in the middle. Then press space! Press c to start again.'), 6),
  );
  cat.script(
    c.whenKey('space'),
    // The speech bubble would be part of the stage picture.
    c.say(text('')),
    cat.block(imageModel(Opcode.recognizePicture), {}, { SOURCE: [PictureSource.stage, null] }),
    c.set(guess, c.result()),
    c.say(c.join(text('I think you drew a '), c.join(read(guess), text('!')))),
  );
  return buildProject({
    backdrop: WHITE_BACKDROP,
    variables: [{ variable: guess, value: '', shown: true }],
    sprites: [
      { options: { name: 'Pencil', costumes: [PENCIL], x: 0, y: 0, visible: false }, scripts: pencil },
      // x = 205 is right of the centre square (x from -180 to 180) that `recognize [stage]` looks at.
      { options: { name: 'Cat', costumes: [scratchCat()], x: 205, y: -135, size: 45 }, scripts: cat },
    ],
    extensions: ['pen', 'imageModel'],
  });
}
